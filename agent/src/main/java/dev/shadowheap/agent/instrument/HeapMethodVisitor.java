package dev.shadowheap.agent.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites one method body so that the hooks see its allocations and reference stores. All inserted
 * code is straight-line ({@code DUP}/{@code LDC}/{@code INVOKESTATIC}, no branches) and leaves the
 * operand stack as it was at every existing instruction boundary, so stack-map frames stay valid and
 * only the maximum stack size has to be recomputed.
 *
 * <ul>
 *   <li>{@code NEW C}: the site is announced right after {@code NEW} (not before: a stack-map frame
 *       may name the {@code NEW} by its offset), and the object is reported after its {@code <init>}
 *       returns, when the {@code NEW} was followed by the usual {@code DUP}.</li>
 *   <li>In a constructor, once {@code super(...)}/{@code this(...)} has returned, the object reports
 *       itself, so that stores made while the constructor runs already see a tracked object. Stores
 *       to {@code this} before that call (javac's {@code this$0}) are never passed to a hook: the
 *       object is still {@code uninitializedThis}; they are picked up when the object is tracked.</li>
 *   <li>Allocations of a class that {@link TrackedAllocations} says is never tracked get none of the above, nor do
 *       the constructors of such a class report their object: a tracked subclass's own constructor does.</li>
 *   <li>{@code PUTFIELD}/{@code PUTSTATIC} of a reference: duplicated into a hook before the store.</li>
 *   <li>{@code AASTORE}: replaced by a hook that performs the store itself.</li>
 *   <li>Arrays, {@code clone()}, {@code Array.newInstance}, {@code Arrays.copyOf}, and lambdas made by
 *       {@code invokedynamic}: the result is reported right after the instruction.</li>
 *   <li>{@code System.arraycopy}, {@code Unsafe}, {@code VarHandle}: see {@link CallSiteRewriter}.</li>
 * </ul>
 */
final class HeapMethodVisitor extends MethodVisitor {

    private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private final MethodSite site;
    private final InstrumentationIds ids;
    private final TrackedAllocations allocations;
    private final boolean constructor;
    /** Whether this class's constructors report their object (it may be tracked). */
    private final boolean reportsSelf;
    private boolean awaitingSuperCall;
    private int line;
    private boolean lastWasNew;
    /** For each {@code NEW} whose {@code <init>} has not been reached: announced (then: with a {@code DUP}?) or not. */
    private byte[] pendingNews = new byte[8];
    private static final byte ANNOUNCED = 0;
    private static final byte ANNOUNCED_AND_KEPT = 1;
    private static final byte NOT_HOOKED = 2;
    private int pendingTop;

    /** @param reportsSelf whether, in a constructor, the object reports itself: objects of this class may be tracked */
    HeapMethodVisitor(MethodVisitor next, MethodSite site, boolean constructor, boolean reportsSelf,
            InstrumentationIds ids, TrackedAllocations allocations) {
        super(OpenedClassReader.ASM_API, next);
        this.site = site;
        this.ids = ids;
        this.allocations = allocations;
        this.constructor = constructor;
        this.awaitingSuperCall = constructor;
        this.reportsSelf = reportsSelf;
    }

    private int siteId() {
        return ids.site(site.at(line));
    }

    private void callHook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HookNames.HOOKS, name, descriptor, false);
    }

    /** After an instruction that left a new object on the stack: report it with this site. */
    private void adoptTopOfStack(String hook) {
        super.visitInsn(Opcodes.DUP);
        super.visitLdcInsn(siteId());
        callHook(hook, HookNames.OBJECT_INT_VOID);
    }

    private void instruction() {
        lastWasNew = false;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        this.line = line;
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitLabel(Label label) {
        instruction();
        super.visitLabel(label);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.DUP && lastWasNew) {
            lastWasNew = false;
            if (pendingNews[pendingTop - 1] == ANNOUNCED) {
                pendingNews[pendingTop - 1] = ANNOUNCED_AND_KEPT;
            }
            super.visitInsn(opcode);
            return;
        }
        instruction();
        if (opcode == Opcodes.AASTORE) {
            callHook("aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V");
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
        if (opcode == Opcodes.NEWARRAY && allocations.tracks(primitiveName(operand))) {
            adoptTopOfStack("newArray");
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        instruction();
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW) {
            String className = type.replace('/', '.');
            boolean hooked = allocations.tracks(className);
            if (hooked) {
                super.visitLdcInsn(siteId());
                super.visitLdcInsn(className);
                callHook("beforeNew", "(ILjava/lang/String;)V");
            }
            if (pendingTop == pendingNews.length) {
                pendingNews = Arrays.copyOf(pendingNews, pendingTop * 2);
            }
            pendingNews[pendingTop++] = hooked ? ANNOUNCED : NOT_HOOKED;
            lastWasNew = true;
        } else if (opcode == Opcodes.ANEWARRAY && allocations.tracks(elementOf(type))) {
            adoptTopOfStack("newArray");
        }
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        if (allocations.tracks(TrackedAllocations.innermostElement(descriptor))) {
            adoptTopOfStack("newArrayTree");
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        instruction();
        boolean reference = descriptor.charAt(0) == 'L' || descriptor.charAt(0) == '[';
        if (reference && opcode == Opcodes.PUTFIELD && !(awaitingSuperCall && owner.equals(site.className))) {
            super.visitInsn(Opcodes.DUP2);
            super.visitLdcInsn(ids.fieldRef(owner, name, false));
            callHook("putField", "(Ljava/lang/Object;Ljava/lang/Object;I)V");
        } else if (reference && opcode == Opcodes.PUTSTATIC && site.canLoadClassConstants()) {
            super.visitInsn(Opcodes.DUP);
            super.visitLdcInsn(Type.getObjectType(owner));
            super.visitLdcInsn(ids.fieldRef(owner, name, true));
            callHook("putStatic", "(Ljava/lang/Object;Ljava/lang/Class;I)V");
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        instruction();
        if (opcode == Opcodes.INVOKESPECIAL && "<init>".equals(name)) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (pendingTop > 0) {
                byte pending = pendingNews[--pendingTop];
                if (pending == ANNOUNCED_AND_KEPT) {
                    super.visitInsn(Opcodes.DUP);
                    callHook("afterNew", HookNames.OBJECT_VOID);
                } else if (pending == ANNOUNCED) {
                    callHook("discardNew", "()V");
                }
            } else if (constructor && awaitingSuperCall) {
                awaitingSuperCall = false;
                if (reportsSelf) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    callHook("constructed", HookNames.OBJECT_VOID);
                }
            }
            return;
        }
        if (CallSiteRewriter.rewrite(mv, opcode, owner, name, descriptor)) {
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        if (CallSiteRewriter.returnsNewObject(opcode, owner, name, descriptor)) {
            adoptTopOfStack("adopt");
        }
    }

    /** The element class of {@code ANEWARRAY type}: a class's internal name, or an array descriptor. */
    private static String elementOf(String type) {
        return type.charAt(0) == '[' ? TrackedAllocations.innermostElement(type) : type.replace('/', '.');
    }

    private static String primitiveName(int newArrayOperand) {
        switch (newArrayOperand) {
            case Opcodes.T_BOOLEAN: return "boolean";
            case Opcodes.T_CHAR: return "char";
            case Opcodes.T_FLOAT: return "float";
            case Opcodes.T_DOUBLE: return "double";
            case Opcodes.T_BYTE: return "byte";
            case Opcodes.T_SHORT: return "short";
            case Opcodes.T_INT: return "int";
            default: return "long";
        }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        instruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        if (LAMBDA_METAFACTORY.equals(bootstrap.getOwner())) {
            adoptTopOfStack("adopt");
        }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        instruction();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        instruction();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }
}
