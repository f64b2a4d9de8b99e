package dev.shadowheap.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * Loads the classes of one package child-first, rewritten by {@link HeapClassVisitor}, the way the agent
 * would rewrite them; the class verifier then checks the rewritten bytecode.
 */
final class RewritingLoader extends ClassLoader {

    final List<String> sites = new ArrayList<>();
    final List<String> fieldRefs = new ArrayList<>();
    private final String packagePrefix;
    private final boolean idFields;
    private final TrackedAllocations allocations;

    RewritingLoader(String packagePrefix) {
        this(packagePrefix, false);
    }

    /** @param idFields whether classes get the {@link IdField} as the agent gives it to classes it sees defined */
    RewritingLoader(String packagePrefix, boolean idFields) {
        this(packagePrefix, idFields, TrackedAllocations.ALL);
    }

    /** @param allocations which allocations get hooks, as the agent's filters decide */
    RewritingLoader(String packagePrefix, boolean idFields, TrackedAllocations allocations) {
        super(RewritingLoader.class.getClassLoader());
        this.packagePrefix = packagePrefix;
        this.idFields = idFields;
        this.allocations = allocations;
    }

    private final InstrumentationIds ids = new InstrumentationIds() {
        @Override
        public int site(String site) {
            if (!sites.contains(site)) {
                sites.add(site);
            }
            return sites.indexOf(site) + 1;
        }

        @Override
        public int fieldRef(String owner, String name, boolean isStatic) {
            String key = owner + "." + name;
            if (!fieldRefs.contains(key)) {
                fieldRefs.add(key);
            }
            return fieldRefs.indexOf(key);
        }
    };

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] rewritten = rewrite(name);
                loaded = defineClass(name, rewritten, 0, rewritten.length);
            }
            return loaded;
        }
    }

    private byte[] rewrite(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            ClassReader reader = new ClassReader(in.readAllBytes());
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new HeapClassVisitor(writer, ids, idFields, allocations), 0);
            return writer.toByteArray();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    String site(int id) {
        return sites.get(id - 1);
    }
}
