package dev.shadowheap.model.gc;

/**
 * A growable int array indexed by object id, made of fixed-size chunks so that growing never copies
 * what is there. Missing chunks read as zero. Used for the collector's per-object state; not
 * thread-safe (the collector only touches it under the heap's structural lock).
 */
final class ChunkedInts {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private int[][] chunks = new int[16][];

    int get(int index) {
        int c = index >>> CHUNK_BITS;
        int[] chunk = c < chunks.length ? chunks[c] : null;
        return chunk == null ? 0 : chunk[index & CHUNK_MASK];
    }

    void set(int index, int value) {
        chunkFor(index)[index & CHUNK_MASK] = value;
    }

    private int[] chunkFor(int index) {
        int c = index >>> CHUNK_BITS;
        if (c >= chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        int[] chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = new int[CHUNK_SIZE];
        }
        return chunk;
    }

    long capacityBytes() {
        long bytes = 16L + 8L * chunks.length;
        for (int[] chunk : chunks) {
            if (chunk != null) {
                bytes += 16L + 4L * chunk.length;
            }
        }
        return bytes;
    }
}
