package dev.shadowheap.agent.track;

import java.lang.reflect.Array;
import java.util.function.ToLongFunction;

/**
 * Shallow sizes of arrays, computed from their length as the JVM lays them out: header, then the elements, rounded
 * up to the object alignment. Asking {@code Instrumentation.getObjectSize} instead costs a JVMTI call per array, and
 * arrays are a large share of all allocations.
 *
 * <p>The alignment is learnt from the size function itself (the step between sizes of byte arrays one element
 * apart), and the formula is checked against it for several lengths of byte, long and reference arrays. If anything
 * disagrees (another JVM's layout, a size function that is not the JVM's), every size is asked of the function.
 */
final class ArraySizes {

    private static final int CHECKED_LENGTHS = 40;

    private final ToLongFunction<Object> sizeOf;
    /** The object alignment in bytes, or 0 when the formula is not trusted. */
    private final long alignment;

    ArraySizes(ToLongFunction<Object> sizeOf) {
        this.sizeOf = sizeOf;
        this.alignment = verifiedAlignment(sizeOf);
    }

    /** Whether sizes are computed here rather than asked of the size function. */
    boolean computed() {
        return alignment != 0;
    }

    /** The shallow size of {@code array}, whose class's layout is {@code layout}. */
    int of(Object array, ClassLayout layout) {
        if (alignment == 0) {
            return (int) sizeOf.applyAsLong(array);
        }
        return (int) formula(layout.arrayBase, layout.arrayScale, length(array), alignment);
    }

    private static long formula(long base, long scale, int length, long alignment) {
        long raw = base + length * scale;
        return (raw + alignment - 1) & -alignment;
    }

    private static int length(Object array) {
        if (array instanceof Object[]) {
            return ((Object[]) array).length;
        }
        if (array instanceof byte[]) {
            return ((byte[]) array).length;
        }
        if (array instanceof char[]) {
            return ((char[]) array).length;
        }
        if (array instanceof int[]) {
            return ((int[]) array).length;
        }
        return Array.getLength(array);
    }

    private static long verifiedAlignment(ToLongFunction<Object> sizeOf) {
        try {
            long step = Long.MAX_VALUE;
            long previous = sizeOf.applyAsLong(new byte[0]);
            for (int length = 1; length <= CHECKED_LENGTHS; length++) {
                long size = sizeOf.applyAsLong(new byte[length]);
                if (size > previous) {
                    step = Math.min(step, size - previous);
                }
                previous = size;
            }
            if (step == Long.MAX_VALUE || Long.bitCount(step) != 1) {
                return 0;
            }
            for (int length = 0; length <= CHECKED_LENGTHS; length++) {
                if (!agrees(sizeOf, new byte[length], length, step) || !agrees(sizeOf, new long[length], length, step)
                        || !agrees(sizeOf, new Object[length], length, step)) {
                    return 0;
                }
            }
            return step;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    private static boolean agrees(ToLongFunction<Object> sizeOf, Object array, int length, long alignment) {
        Class<?> type = array.getClass();
        return sizeOf.applyAsLong(array) == formula(Memory.arrayBase(type), Memory.arrayScale(type), length, alignment);
    }
}
