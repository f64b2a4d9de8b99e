package dev.shadowheap.analysis;

/**
 * Maps shadow ids of one leaked batch to dense local indices. Open addressing over int arrays: a
 * batch may hold a million ids, and the heap's id range may be far larger than the batch, so neither
 * boxing nor an array indexed by id is acceptable.
 */
final class IdIndex {

    private static final int EMPTY = 0; // shadow id 0 is null and never a key

    private final int[] keys;
    private final int[] values;
    private final int mask;

    IdIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code id -> index}; returns false if the id was present already. */
    boolean put(int id, int index) {
        int slot = mix(id) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == id) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        values[slot] = index;
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

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
