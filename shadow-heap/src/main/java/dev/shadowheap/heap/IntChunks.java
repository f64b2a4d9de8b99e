package dev.shadowheap.heap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A large int array made of fixed-size chunks, so that it can grow while other threads read and
 * update elements without a lock and without copying. Chunks are created under the owner's lock
 * ({@link #ensure}); element access is lock-free, with atomic variants for counters and slots.
 */
final class IntChunks {

    static final int CHUNK_BITS = 16;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;
    private static final int MAX_CHUNKS = 1 << (31 - CHUNK_BITS);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(int[][].class);

    private final int[][] chunks = new int[MAX_CHUNKS][];
    private int allocatedChunks;

    /** Makes sure indices below {@code limit} exist. Callers hold the owner's lock. */
    void ensure(long limit) {
        if (limit > (long) MAX_CHUNKS * CHUNK_SIZE) {
            throw new IllegalStateException("shadow heap is full: " + limit + " ints requested");
        }
        while ((long) allocatedChunks * CHUNK_SIZE < limit) {
            // Release store: a thread that learns an id through the application's own publication
            // sees the chunk that holds it.
            CHUNKS.setRelease(chunks, allocatedChunks, new int[CHUNK_SIZE]);
            allocatedChunks++;
        }
    }

    /** The chunk holding {@code index}; pair with {@link #offset}. Hot paths use it to read several ints at once. */
    int[] chunk(int index) {
        return (int[]) CHUNKS.getAcquire(chunks, index >>> CHUNK_BITS);
    }

    static int offset(int index) {
        return index & CHUNK_MASK;
    }

    static int getAndAdd(int[] chunk, int offset, int delta) {
        return (int) INTS.getAndAdd(chunk, offset, delta);
    }

    static int getAndSet(int[] chunk, int offset, int value) {
        return (int) INTS.getAndSet(chunk, offset, value);
    }

    static int getVolatile(int[] chunk, int offset) {
        return (int) INTS.getVolatile(chunk, offset);
    }

    int get(int index) {
        return chunk(index)[index & CHUNK_MASK];
    }

    int getVolatile(int index) {
        return (int) INTS.getVolatile(chunk(index), index & CHUNK_MASK);
    }

    void set(int index, int value) {
        chunk(index)[index & CHUNK_MASK] = value;
    }

    void setVolatile(int index, int value) {
        INTS.setVolatile(chunk(index), index & CHUNK_MASK, value);
    }

    int getAndAdd(int index, int delta) {
        return (int) INTS.getAndAdd(chunk(index), index & CHUNK_MASK, delta);
    }

    int getAndSet(int index, int value) {
        return (int) INTS.getAndSet(chunk(index), index & CHUNK_MASK, value);
    }

    boolean compareAndSet(int index, int expected, int value) {
        return INTS.compareAndSet(chunk(index), index & CHUNK_MASK, expected, value);
    }

    long capacityBytes() {
        return (long) allocatedChunks * (16L + 4L * CHUNK_SIZE) + 16L + 4L * MAX_CHUNKS;
    }
}
