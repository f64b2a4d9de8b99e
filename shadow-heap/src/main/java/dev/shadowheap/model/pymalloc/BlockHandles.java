package dev.shadowheap.model.pymalloc;

/**
 * The two pymalloc blocks of each shadow object (the object's own and, for arrays, its item array), by shadow id, in
 * chunks that are made as ids reach them and never copied.
 *
 * <p>Not one array grown by doubling: at a few million ids that array is tens of megabytes, and growing it needs the
 * old and the new at once, contiguous. In a small heap the JVM found no room for the copy although a third of the
 * heap was free (G1 runs out of contiguous regions for such "humongous" arrays), and the program ran out of memory
 * because of the agent. A chunk of {@value #CHUNK_IDS} ids is 128 KiB, below the size any collector treats apart.
 * Not thread-safe: used under the heap's structural lock, as the allocator is.
 */
final class BlockHandles {

    private static final int CHUNK_BITS = 13;
    static final int CHUNK_IDS = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_IDS - 1;
    private static final int OBJECT_BLOCK = 0;
    private static final int ITEM_BLOCK = 1;

    private long[][] chunks = new long[64][];

    /** Sets both handles of {@code id}, making room for it. */
    void set(int id, long objectBlock, long itemBlock) {
        int c = id >>> CHUNK_BITS;
        if (c >= chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2)); // references only: small
        }
        long[] chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = new long[2 * CHUNK_IDS];
        }
        int at = 2 * (id & CHUNK_MASK);
        chunk[at + OBJECT_BLOCK] = objectBlock;
        chunk[at + ITEM_BLOCK] = itemBlock;
    }

    /** Whether {@code id} was ever given handles (its chunk exists). */
    boolean covers(int id) {
        int c = id >>> CHUNK_BITS;
        return id >= 0 && c < chunks.length && chunks[c] != null;
    }

    /** The object's own block, 0 if none or if {@code id} was never given handles. */
    long objectBlock(int id) {
        return read(id, OBJECT_BLOCK);
    }

    /** The item array's block, 0 for instances, empty arrays, and ids never given handles. */
    long itemBlock(int id) {
        return read(id, ITEM_BLOCK);
    }

    private long read(int id, int which) {
        return covers(id) ? chunks[id >>> CHUNK_BITS][2 * (id & CHUNK_MASK) + which] : 0;
    }
}
