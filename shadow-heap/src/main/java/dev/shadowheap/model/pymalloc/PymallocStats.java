package dev.shadowheap.model.pymalloc;

/**
 * One snapshot of a {@link Pymalloc}'s state: per size class the pools in use, blocks in use and
 * available blocks (as {@code sys._debugmallocstats()} counts them: emptied pools are not "in use"),
 * the arena counters, and the derived byte accounting. Immutable.
 */
public final class PymallocStats {

    private final PymallocGeometry geometry;
    private final long[] pools;
    private final long[] blocksInUse;
    private final long[] availableBlocks;
    private final long arenasAllocatedTotal;
    private final long arenasCurrent;
    private final long arenasHighwater;
    private final long unusedPools;
    private final long misalignedArenas;
    private final long systemBlocks;
    private final long systemBytes;

    PymallocStats(PymallocGeometry geometry, long[] pools, long[] blocksInUse, long[] availableBlocks,
            long arenasAllocatedTotal, long arenasCurrent, long arenasHighwater, long unusedPools,
            long misalignedArenas, long systemBlocks, long systemBytes) {
        this.geometry = geometry;
        this.pools = pools;
        this.blocksInUse = blocksInUse;
        this.availableBlocks = availableBlocks;
        this.arenasAllocatedTotal = arenasAllocatedTotal;
        this.arenasCurrent = arenasCurrent;
        this.arenasHighwater = arenasHighwater;
        this.unusedPools = unusedPools;
        this.misalignedArenas = misalignedArenas;
        this.systemBlocks = systemBlocks;
        this.systemBytes = systemBytes;
    }

    public PymallocGeometry geometry() {
        return geometry;
    }

    /** Pools holding at least one block of the class ("num pools"). */
    public long pools(int sizeClass) {
        PymallocGeometry.checkClass(sizeClass);
        return pools[sizeClass];
    }

    /** "blocks in use" of the class. */
    public long blocksInUse(int sizeClass) {
        PymallocGeometry.checkClass(sizeClass);
        return blocksInUse[sizeClass];
    }

    /** "avail blocks": free blocks in the class's pools that hold at least one block. */
    public long availableBlocks(int sizeClass) {
        PymallocGeometry.checkClass(sizeClass);
        return availableBlocks[sizeClass];
    }

    public long arenasAllocatedTotal() {
        return arenasAllocatedTotal;
    }

    /** "# arenas reclaimed": arenas returned to the system so far. */
    public long arenasReclaimed() {
        return arenasAllocatedTotal - arenasCurrent;
    }

    public long arenasHighwater() {
        return arenasHighwater;
    }

    public long arenasCurrent() {
        return arenasCurrent;
    }

    /** Free pools over all arenas: emptied ones plus never-carved ones. */
    public long unusedPools() {
        return unusedPools;
    }

    /** Arenas that lost their first partial pool to alignment. */
    public long misalignedArenas() {
        return misalignedArenas;
    }

    /** Requests of 0 or more than 512 bytes currently held from the system allocator. */
    public long systemBlocks() {
        return systemBlocks;
    }

    public long systemBytes() {
        return systemBytes;
    }

    public long totalPoolsInUse() {
        long sum = 0;
        for (long p : pools) {
            sum += p;
        }
        return sum;
    }

    public long allocatedBytes() {
        long sum = 0;
        for (int c = 0; c < pools.length; c++) {
            sum += blocksInUse[c] * PymallocGeometry.blockSize(c);
        }
        return sum;
    }

    public long availableBytes() {
        long sum = 0;
        for (int c = 0; c < pools.length; c++) {
            sum += availableBlocks[c] * PymallocGeometry.blockSize(c);
        }
        return sum;
    }

    public long unusedPoolBytes() {
        return unusedPools * geometry.poolSize();
    }

    public long poolHeaderBytes() {
        return totalPoolsInUse() * PymallocGeometry.POOL_OVERHEAD;
    }

    public long quantizationBytes() {
        long sum = 0;
        for (int c = 0; c < pools.length; c++) {
            sum += pools[c] * geometry.quantizationWaste(c);
        }
        return sum;
    }

    public long alignmentBytes() {
        return misalignedArenas * geometry.poolSize();
    }

    /** The sum of the accounting lines; always equals arenas × ARENA_SIZE. */
    public long totalBytes() {
        return allocatedBytes() + availableBytes() + unusedPoolBytes() + poolHeaderBytes() + quantizationBytes()
                + alignmentBytes();
    }
}
