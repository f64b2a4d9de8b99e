package dev.shadowheap.agent.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites every method body of one class so that allocations and reference stores reach the hooks
 * (see {@link HeapMethodVisitor}). It only remembers what the method rewriter needs from the class
 * header: the class name, the class-file version and the source file for allocation sites.
 */
public final class HeapClassVisitor extends ClassVisitor {

    private static final String REFLECT_FIELD = "java/lang/reflect/Field";

    private static final int NOT_A_PLAIN_CLASS = Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION | Opcodes.ACC_ENUM
            | Opcodes.ACC_MODULE;

    private final InstrumentationIds ids;
    private final TrackedAllocations allocations;
    private final boolean idFieldAllowed;
    private boolean tracksOwnClass;
    private boolean addIdField;
    private String className;
    private int version;
    private String sourceFile;

    /** A rewriting that adds no field (a class being retransformed cannot get one) and reports every allocation. */
    public HeapClassVisitor(ClassVisitor next, InstrumentationIds ids) {
        this(next, ids, false, TrackedAllocations.ALL);
    }

    /**
     * @param idFieldAllowed whether the class is being defined (not redefined) by an application class loader, so
     *                       that it may get the {@link IdField} if it is the top of an application hierarchy
     * @param allocations    which allocations get hooks
     */
    public HeapClassVisitor(ClassVisitor next, InstrumentationIds ids, boolean idFieldAllowed,
            TrackedAllocations allocations) {
        super(OpenedClassReader.ASM_API, next);
        this.ids = ids;
        this.idFieldAllowed = idFieldAllowed;
        this.allocations = allocations;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.className = name;
        this.version = version & 0xFFFF;
        this.tracksOwnClass = allocations.tracks(name.replace('/', '.'));
        // Records keep to their components (their equals/hashCode/serialization are derived from them).
        this.addIdField = idFieldAllowed && (access & NOT_A_PLAIN_CLASS) == 0 && superName != null
                && IdField.declaredBelow(superName) && !"java/lang/Record".equals(superName);
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if (IdField.NAME.equals(name)) {
            addIdField = false; // declared already (rewritten by another copy of the agent?): leave it alone
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public void visitEnd() {
        if (addIdField) {
            FieldVisitor field = super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    IdField.NAME, IdField.DESCRIPTOR, null, null);
            if (field != null) {
                field.visitEnd();
            }
        }
        super.visitEnd();
    }

    @Override
    public void visitSource(String source, String debug) {
        this.sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (next == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return next;
        }
        if (REFLECT_FIELD.equals(className)) {
            // Field itself only reports completed set(Object, Object) calls; its internals are not ours.
            return "set".equals(name) && FieldSetExitVisitor.DESCRIPTOR.equals(descriptor)
                    ? new FieldSetExitVisitor(next) : next;
        }
        MethodSite site = new MethodSite(className, name, sourceFile, version);
        return new HeapMethodVisitor(next, site, "<init>".equals(name), tracksOwnClass, ids, allocations);
    }
}
