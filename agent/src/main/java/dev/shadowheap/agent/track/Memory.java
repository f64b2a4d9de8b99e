package dev.shadowheap.agent.track;

import java.lang.reflect.Field;
import jdk.internal.misc.Unsafe;

/**
 * Raw reads of reference fields, for taking a new object's initial edges and for the edge audit.
 * Uses {@code jdk.internal.misc.Unsafe}, which (unlike reflection) reads private fields of JDK classes
 * and fields of hidden classes; the agent exports {@code jdk.internal.misc} to itself at start-up.
 */
final class Memory {

    private static final Unsafe UNSAFE = Unsafe.getUnsafe();
    static final long OBJECT_ARRAY_BASE = arrayNumber("arrayBaseOffset", Object[].class);
    static final long OBJECT_ARRAY_SCALE = arrayNumber("arrayIndexScale", Object[].class);
    private static final long INT_ARRAY_BASE = arrayNumber("arrayBaseOffset", int[].class);

    private Memory() {
    }

    /** Called reflectively: {@code arrayBaseOffset} returns an int on JDK 17 and a long on JDK 25. */
    private static long arrayNumber(String method, Class<?> arrayClass) {
        try {
            return ((Number) Unsafe.class.getMethod(method, Class.class).invoke(UNSAFE, arrayClass)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Unsafe." + method + " unavailable", e);
        }
    }

    /**
     * Where the elements of arrays of this class start, in bytes from the array's address. Answered from tables made
     * when this class is initialized, never by reflection at the time of asking: that runs inside hooks, where a
     * reflective call's own work (on JDK 25 it links method handles and interns their types in a map the program
     * shares) could not be mirrored.
     */
    static long arrayBase(Class<?> arrayClass) {
        return ARRAY_BASES[kindOf(arrayClass)];
    }

    /** The size of one element of arrays of this class, in bytes (see {@link #arrayBase}). */
    static long arrayScale(Class<?> arrayClass) {
        return ARRAY_SCALES[kindOf(arrayClass)];
    }

    /** Every reference array is laid out as {@code Object[]}; each primitive array as its own kind. */
    private static final Class<?>[] ARRAY_KINDS = {
        Object[].class, boolean[].class, byte[].class, char[].class, short[].class, int[].class, float[].class,
        long[].class, double[].class,
    };
    private static final long[] ARRAY_BASES = new long[ARRAY_KINDS.length];
    private static final long[] ARRAY_SCALES = new long[ARRAY_KINDS.length];

    static {
        for (int i = 0; i < ARRAY_KINDS.length; i++) {
            ARRAY_BASES[i] = arrayNumber("arrayBaseOffset", ARRAY_KINDS[i]);
            ARRAY_SCALES[i] = arrayNumber("arrayIndexScale", ARRAY_KINDS[i]);
        }
    }

    private static int kindOf(Class<?> arrayClass) {
        Class<?> component = arrayClass.getComponentType();
        if (component == null) {
            throw new IllegalArgumentException(arrayClass.getName() + " is not an array class");
        }
        if (!component.isPrimitive()) {
            return 0;
        }
        for (int i = 1; i < ARRAY_KINDS.length; i++) {
            if (ARRAY_KINDS[i].getComponentType() == component) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown primitive array " + arrayClass.getName());
    }

    /**
     * Element {@code index} of {@code array} with acquire semantics. Unsafe rather than a {@code VarHandle}: C1, which
     * runs the hooks until C2 compiles them (and for good where a directive keeps C2 out, see {@code HookInlining}),
     * does not fold a VarHandle's type checks and dispatch the way C2 does, while these Unsafe calls are intrinsics in
     * both compilers.
     */
    static Object elementAcquire(Object[] array, int index) {
        return UNSAFE.getReferenceAcquire(array, OBJECT_ARRAY_BASE + index * OBJECT_ARRAY_SCALE);
    }

    /** Sets element {@code index} of {@code array} with release semantics; see {@link #elementAcquire}. */
    static void setElementRelease(Object[] array, int index, Object value) {
        UNSAFE.putReferenceRelease(array, OBJECT_ARRAY_BASE + index * OBJECT_ARRAY_SCALE, value);
    }

    /** Element {@code index} of {@code array} with acquire semantics; see {@link #elementAcquire}. */
    static int intElementAcquire(int[] array, int index) {
        return UNSAFE.getIntAcquire(array, INT_ARRAY_BASE + (long) index * Integer.BYTES);
    }

    /** Sets element {@code index} of {@code array} with release semantics; see {@link #elementAcquire}. */
    static void setIntElementRelease(int[] array, int index, int value) {
        UNSAFE.putIntRelease(array, INT_ARRAY_BASE + (long) index * Integer.BYTES, value);
    }

    /** The long at {@code base + offset}, with acquire semantics. */
    static long longAcquire(Object base, long offset) {
        return UNSAFE.getLongAcquire(base, offset);
    }

    /** Sets the long at {@code base + offset}, with release semantics. */
    static void setLongRelease(Object base, long offset, long value) {
        UNSAFE.putLongRelease(base, offset, value);
    }

    static long instanceOffset(Field field) {
        return UNSAFE.objectFieldOffset(field);
    }

    static long staticOffset(Field field) {
        return UNSAFE.staticFieldOffset(field);
    }

    static Object staticBase(Field field) {
        return UNSAFE.staticFieldBase(field);
    }

    /** The reference at {@code base + offset} (an instance, or a static field base). */
    static Object reference(Object base, long offset) {
        return UNSAFE.getReferenceVolatile(base, offset);
    }

    static long longAt(Object base, long offset) {
        return UNSAFE.getLong(base, offset);
    }

    /** The element index an {@code Unsafe} offset into an {@code Object[]} addresses, or -1. */
    static int elementIndex(long offset) {
        long relative = offset - OBJECT_ARRAY_BASE;
        if (relative < 0 || relative % OBJECT_ARRAY_SCALE != 0) {
            return -1;
        }
        return (int) (relative / OBJECT_ARRAY_SCALE);
    }
}
