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
    static final long OBJECT_ARRAY_BASE = arrayNumber("arrayBaseOffset");
    static final long OBJECT_ARRAY_SCALE = arrayNumber("arrayIndexScale");

    private Memory() {
    }

    /** Called reflectively: {@code arrayBaseOffset} returns an int on JDK 17 and a long on JDK 25. */
    private static long arrayNumber(String method) {
        try {
            return ((Number) Unsafe.class.getMethod(method, Class.class).invoke(UNSAFE, Object[].class)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Unsafe." + method + " unavailable", e);
        }
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
