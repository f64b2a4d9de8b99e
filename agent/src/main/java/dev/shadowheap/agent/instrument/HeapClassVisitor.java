package dev.shadowheap.agent.instrument;

import net.bytebuddy.jar.asm.ClassVisitor;
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

    private final InstrumentationIds ids;
    private String className;
    private int version;
    private String sourceFile;

    public HeapClassVisitor(ClassVisitor next, InstrumentationIds ids) {
        super(OpenedClassReader.ASM_API, next);
        this.ids = ids;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.className = name;
        this.version = version & 0xFFFF;
        super.visit(version, access, name, signature, superName, interfaces);
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
        return new HeapMethodVisitor(next, site, "<init>".equals(name), ids);
    }
}
