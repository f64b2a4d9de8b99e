package dev.shadowheap.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites {@code java.lang.reflect.Field.set(Object, Object)} to report each completed call just
 * before it returns. Hooking inside {@code Field} rather than at call sites keeps its caller-sensitive
 * access check looking at the real caller.
 */
final class FieldSetExitVisitor extends MethodVisitor {

    static final String DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)V";

    FieldSetExitVisitor(MethodVisitor next) {
        super(OpenedClassReader.ASM_API, next);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.RETURN) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitVarInsn(Opcodes.ALOAD, 2);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HookNames.HOOKS, "fieldSet",
                    "(Ljava/lang/reflect/Field;Ljava/lang/Object;Ljava/lang/Object;)V", false);
        }
        super.visitInsn(opcode);
    }
}
