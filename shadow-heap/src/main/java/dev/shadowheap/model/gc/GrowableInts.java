package dev.shadowheap.model.gc;

import java.util.Arrays;

/**
 * A flat int array indexed by object id that grows by half again when an index beyond it is set;
 * indices never set read as zero. For collector state that inner loops index directly through
 * {@link #array()} (one bounds check, no chunk lookup). Not thread-safe: used under the heap's
 * structural lock.
 */
final class GrowableInts {

    private int[] values = new int[1 << 14];

    int get(int index) {
        int[] v = values;
        return index < v.length ? v[index] : 0;
    }

    void set(int index, int value) {
        if (index >= values.length) {
            values = Arrays.copyOf(values, Math.max(index + 1, values.length + (values.length >> 1)));
        }
        values[index] = value;
    }

    /**
     * The current backing array, valid until the next {@link #set} beyond its length: every index
     * that was ever set is inside it.
     */
    int[] array() {
        return values;
    }

    long capacityBytes() {
        return 16L + 4L * values.length;
    }
}
