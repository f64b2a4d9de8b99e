package dev.shadowheap.agent.instrument;

import dev.shadowheap.hooks.VarHandleBridges;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Replaces calls that store references behind the bytecode's back ({@code System.arraycopy}, the
 * reference methods of both {@code Unsafe}s, {@link java.lang.invoke.VarHandle} access modes) with
 * calls to bridges that perform the same operation and report it. Only exact, known descriptors are
 * replaced; anything else is left as it was.
 */
final class CallSiteRewriter {

    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String PUT = "(Ljava/lang/Object;JLjava/lang/Object;)V";
    private static final String CAS = "(Ljava/lang/Object;JLjava/lang/Object;Ljava/lang/Object;)Z";
    private static final String CAX = "(Ljava/lang/Object;JLjava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String SWAP = "(Ljava/lang/Object;JLjava/lang/Object;)Ljava/lang/Object;";
    private static final String ARRAYCOPY = "(Ljava/lang/Object;ILjava/lang/Object;II)V";

    private static final Map<String, String> INTERNAL_UNSAFE = Map.ofEntries(
            Map.entry("putReference", PUT), Map.entry("putReferenceVolatile", PUT),
            Map.entry("putReferenceRelease", PUT), Map.entry("putReferenceOpaque", PUT),
            Map.entry("compareAndSetReference", CAS), Map.entry("weakCompareAndSetReference", CAS),
            Map.entry("weakCompareAndSetReferencePlain", CAS), Map.entry("weakCompareAndSetReferenceAcquire", CAS),
            Map.entry("weakCompareAndSetReferenceRelease", CAS), Map.entry("compareAndExchangeReference", CAX),
            Map.entry("compareAndExchangeReferenceAcquire", CAX), Map.entry("compareAndExchangeReferenceRelease", CAX),
            Map.entry("getAndSetReference", SWAP), Map.entry("getAndSetReferenceAcquire", SWAP),
            Map.entry("getAndSetReferenceRelease", SWAP));
    private static final Map<String, String> SUN_UNSAFE = Map.of(
            "putObject", PUT, "putObjectVolatile", PUT, "putOrderedObject", PUT,
            "compareAndSwapObject", CAS, "getAndSetObject", SWAP);
    private static final Map<String, Map<String, String>> UNSAFES = Map.of(
            "jdk/internal/misc/Unsafe", INTERNAL_UNSAFE, "sun/misc/Unsafe", SUN_UNSAFE);

    /** A VarHandle access-mode family: its bridge name prefix, how many values it takes, what it returns. */
    private enum Family {
        SET("set", 1, "V", VarHandleBridges.SET),
        GET_AND_SET("getAndSet", 1, OBJECT, VarHandleBridges.GET_AND_SET),
        COMPARE_AND_SET("compareAndSet", 2, "Z", VarHandleBridges.COMPARE_AND_SET),
        COMPARE_AND_EXCHANGE("compareAndExchange", 2, OBJECT, VarHandleBridges.COMPARE_AND_EXCHANGE);

        final String prefix;
        final int values;
        final String bridgeReturn;
        final List<String> modes;

        Family(String prefix, int values, String bridgeReturn, List<String> modes) {
            this.prefix = prefix;
            this.values = values;
            this.bridgeReturn = bridgeReturn;
            this.modes = modes;
        }

        static Family of(String methodName) {
            for (Family family : values()) {
                if (family.modes.contains(methodName)) {
                    return family;
                }
            }
            return null;
        }
    }

    private CallSiteRewriter() {
    }

    /** Emits the replacement and returns true, or emits nothing and returns false. */
    static boolean rewrite(MethodVisitor mv, int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner) && "arraycopy".equals(name)
                && ARRAYCOPY.equals(descriptor)) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookNames.HOOKS, "arraycopy", ARRAYCOPY, false);
            return true;
        }
        if (opcode != Opcodes.INVOKEVIRTUAL) {
            return false;
        }
        Map<String, String> unsafe = UNSAFES.get(owner);
        if (unsafe != null) {
            if (!descriptor.equals(unsafe.get(name))) {
                return false;
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookNames.UNSAFE_BRIDGES, name,
                    "(L" + owner + ";" + descriptor.substring(1), false);
            return true;
        }
        return "java/lang/invoke/VarHandle".equals(owner) && rewriteVarHandle(mv, name, descriptor);
    }

    private static boolean rewriteVarHandle(MethodVisitor mv, String name, String descriptor) {
        Family family = Family.of(name);
        if (family == null) {
            return false;
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        Type result = Type.getReturnType(descriptor);
        int coordinates = args.length - family.values;
        if (coordinates < 0) {
            return false;
        }
        for (int i = coordinates; i < args.length; i++) {
            if (!isReference(args[i])) {
                return false; // a primitive-valued handle: no reference is stored
            }
        }
        String shape;
        String coordinateDescriptor;
        if (coordinates == 0) {
            shape = "Static";
            coordinateDescriptor = "";
        } else if (coordinates == 1 && isReference(args[0])) {
            shape = "Field";
            coordinateDescriptor = OBJECT;
        } else if (coordinates == 2 && isReference(args[0]) && args[1].getSort() == Type.INT) {
            shape = "Element";
            coordinateDescriptor = OBJECT + "I";
        } else {
            return false;
        }
        boolean returnsObject = family.bridgeReturn.equals(OBJECT);
        if (returnsObject ? !(result.getSort() == Type.VOID || isReference(result))
                : !result.getDescriptor().equals(family.bridgeReturn)) {
            return false;
        }
        mv.visitLdcInsn(family.modes.indexOf(name));
        String bridgeDescriptor = "(Ljava/lang/invoke/VarHandle;" + coordinateDescriptor
                + OBJECT.repeat(family.values) + "I)" + family.bridgeReturn;
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookNames.VAR_HANDLE_BRIDGES, family.prefix + shape,
                bridgeDescriptor, false);
        if (returnsObject) {
            if (result.getSort() == Type.VOID) {
                mv.visitInsn(Opcodes.POP); // javac types a discarded polymorphic result as void
            } else if (!result.getDescriptor().equals(OBJECT)) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, result.getInternalName());
            }
        }
        return true;
    }

    /**
     * Whether a call returns a new object made without a constructor we rewrote: {@code clone()},
     * {@code Array.newInstance}, and {@code Arrays.copyOf}/{@code copyOfRange} (which the JIT may
     * replace by an intrinsic that never runs their rewritten bodies).
     */
    static boolean returnsNewObject(int opcode, String owner, String name, String descriptor) {
        if ("clone".equals(name) && descriptor.equals("()Ljava/lang/Object;")) {
            return (opcode == Opcodes.INVOKESPECIAL && "java/lang/Object".equals(owner))
                    || (opcode == Opcodes.INVOKEVIRTUAL && owner.startsWith("["));
        }
        if (opcode != Opcodes.INVOKESTATIC) {
            return false;
        }
        if ("java/lang/reflect/Array".equals(owner)) {
            return "newInstance".equals(name);
        }
        return "java/util/Arrays".equals(owner) && ("copyOf".equals(name) || "copyOfRange".equals(name));
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }
}
