package dev.shadowheap.analysis;

/**
 * Maps shadow ids of one leaked batch to dense local indices. Open addressing over int arrays: a
 * batch may hold a million ids, and the heap's id range may be far larger than the batch, so neither
 * boxing nor an array indexed by id is acceptable.
 */
final class IdIndex {

    private static final int EMPTY = 0; // shadow id 0 is null and never a key

    private int[] keys;
    private int[] values;
    private int mask;
    private int size;

    /** Sized so that {@code expected} entries keep the table at most half full; grows beyond. */
    IdIndex(int expected) {
        allocate(Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code id -> index}; returns false if the id was present already. */
    boolean put(int id, int index) {
        if (2 * (size + 1) > keys.length) {
            int[] oldKeys = keys;
            int[] oldValues = values;
            allocate(keys.length * 2);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
        int slot = mix(id) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == id) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        values[slot] = index;
        size++;
        return true;
    }

    /** The local index of {@code id}, or -1 if the id is not in the batch. */
    int get(int id) {
        if (id == EMPTY) {
            return -1;
        }
        int slot = mix(id) & mask;
        while (true) {
            int key = keys[slot];
            if (key == id) {
                return values[slot];
            }
            if (key == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Batches are mostly runs of nearby ids (ids are recycled densely), so nearby ids are kept in
     * nearby slots for cache locality; folding the high half in spreads ids that differ only there.
     */
    private static int mix(int id) {
        return id ^ (id >>> 16);
    }
}
