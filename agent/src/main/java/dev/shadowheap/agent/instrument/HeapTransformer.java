package dev.shadowheap.agent.instrument;

import dev.shadowheap.hooks.ThreadState;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The class-file transformer: one ASM pass of {@link HeapClassVisitor} over each class in
 * {@link InstrumentationScope}. Hooks are suspended while it runs so that the collections it uses are
 * never observed, and a class loaded by the transformer itself is passed through untouched (the
 * transformation of the outer class is still in progress on this thread).
 *
 * <p>The rewriting adds no branches, so the writer only recomputes maximum stack sizes and keeps the
 * original stack-map frames; it is given the reader so that untouched methods are copied as they are.
 */
final class HeapTransformer implements ClassFileTransformer {

    private static final InstrumentationIds NO_IDS = new InstrumentationIds() {
        @Override
        public int site(String site) {
            return 0;
        }

        @Override
        public int fieldRef(String ownerInternalName, String fieldName, boolean isStatic) {
            return 0;
        }
    };

    private final InstrumentationScope scope;
    private final InstrumentationIds ids;
    private final RewriteListener rewrites;
    private final RewriteCache cache;
    private final boolean idFields;
    private final TrackedAllocations allocations;
    private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

    /** Suffix of the cache key of a class rewritten with the {@link IdField} allowed ('+' is in no class name). */
    private static final String ID_FIELD_VARIANT = "+id";

    /**
     * @param ids      the numbering {@code cache} was bound to, when it is on
     * @param idFields whether classes defined from now on by application class loaders may get the {@link IdField}
     * @param allocations which allocations get hooks; {@code cache} must have been opened for this choice
     */
    HeapTransformer(InstrumentationScope scope, InstrumentationIds ids, RewriteListener rewrites, RewriteCache cache,
            boolean idFields, TrackedAllocations allocations) {
        this.scope = scope;
        this.ids = ids;
        this.rewrites = rewrites;
        this.cache = cache;
        this.idFields = idFields;
        this.allocations = allocations;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfile) {
        if (internalName == null || transforming.get() != null) {
            return null;
        }
        // Set before anything else runs: even the scope check may load a class, which comes back here.
        transforming.set(Boolean.TRUE);
        ThreadState.suspendHooks();
        String className = internalName.replace('/', '.');
        try {
            if (!scope.covers(className, InstrumentationScope.LoaderKind.of(loader))) {
                return null;
            }
            boolean idFieldAllowed = idFieldAllowed(loader, classBeingRedefined);
            byte[] rewritten = cache.enabled() ? cachedOrRewritten(internalName, classfile, idFieldAllowed)
                    : rewrite(classfile, ids, idFieldAllowed, allocations);
            rewrites.rewritten(className, loader);
            return rewritten;
        } catch (RuntimeException | LinkageError e) {
            rewrites.failed(className, e);
            return null;
        } finally {
            ThreadState.resumeHooks();
            transforming.remove();
        }
    }

    /**
     * Whether the class may get the id field: when it is being defined by an application loader; and when someone
     * (a debugger's hot swap, another agent) redefines a class that has it already, since a redefinition may not
     * remove a field: the new bytes must declare it again.
     */
    private boolean idFieldAllowed(ClassLoader loader, Class<?> classBeingRedefined) {
        if (!idFields) {
            return false;
        }
        if (classBeingRedefined == null) {
            return InstrumentationScope.LoaderKind.of(loader) == InstrumentationScope.LoaderKind.APPLICATION;
        }
        for (java.lang.reflect.Field field : classBeingRedefined.getDeclaredFields()) {
            if (field.getName().equals(IdField.NAME)) {
                return true;
            }
        }
        return false;
    }

    /** A class from the cache is handed out exactly as a fresh rewrite would be: same bytes, same ids. */
    private byte[] cachedOrRewritten(String internalName, byte[] classfile, boolean idFieldAllowed) {
        // The same class file is rewritten with or without the id field: cached under two keys.
        String key = idFieldAllowed ? internalName + ID_FIELD_VARIANT : internalName;
        ClassFingerprint original = ClassFingerprint.of(classfile);
        byte[] cached = cache.lookup(key, original);
        if (cached != null) {
            return cached;
        }
        byte[] rewritten = rewrite(classfile, ids, idFieldAllowed, allocations);
        cache.add(key, original, rewritten);
        return rewritten;
    }

    private static byte[] rewrite(byte[] classfile, InstrumentationIds ids, boolean idFieldAllowed,
            TrackedAllocations allocations) {
        ClassReader reader = OpenedClassReader.of(classfile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new HeapClassVisitor(writer, ids, idFieldAllowed, allocations), 0);
        return writer.toByteArray();
    }

    /**
     * Rewrites this class's own class file once and throws the result away, so that ASM and the
     * visitors are loaded before the transformer is registered; otherwise the first JDK classes loaded
     * during the first transformation would be passed through unrewritten.
     */
    void warmUp() {
        transform(null, null, "java/lang/Object", null, null, new byte[0]); // out of scope: loads the checks
        // Loads what a lookup runs (a record's equals bootstraps through invokedynamic on its first call).
        ClassFingerprint none = ClassFingerprint.of(new byte[0]);
        none.equals(ClassFingerprint.of(new byte[1]));
        cache.lookup("java/lang/Object", none);
        try (InputStream in = HeapTransformer.class.getResourceAsStream("HeapTransformer.class")) {
            if (in != null) {
                rewrite(in.readAllBytes(), NO_IDS, true, allocations); // ids of its own: no sites in the real table
            }
        } catch (IOException | RuntimeException e) {
            // Only a warm-up: the transformer works without it.
        }
    }
}
