package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;

/**
 * The fixed numbers of pymalloc on a 64-bit build ({@code cpython-memory-model.md} §4.2): 16-byte
 * size classes up to 512 bytes, a 48-byte pool header, and the pool and arena sizes of one CPython
 * version. Everything here is arithmetic; the allocator's state lives in {@link Pymalloc}.
 */
public final class PymallocGeometry {

    /** Size-class step on 64-bit builds since 3.8 (bpo-27987). */
    public static final int ALIGNMENT = 16;
    /** Largest request pymalloc serves; larger ones (and 0) go to the system allocator. */
    public static final int SMALL_REQUEST_THRESHOLD = 512;
    /** Number of size classes: 512 / 16. */
    public static final int NUM_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
    /** {@code sizeof(struct pool_header)} on 64-bit builds. */
    public static final int POOL_OVERHEAD = 48;

    private final int poolSize;
    private final int arenaSize;
    private final boolean arenaMap;

    private PymallocGeometry(int poolSize, int arenaSize, boolean arenaMap) {
        this.poolSize = poolSize;
        this.arenaSize = arenaSize;
        this.arenaMap = arenaMap;
    }

    /**
     * The geometry of a CPython version. Whether the version has the radix-tree arena map is not a
     * profile field: it is derived here from the pool size, because the 16 KiB pools and 1 MiB arenas
     * arrived together with the radix tree (bpo-37448, 3.10) and need it.
     */
    public static PymallocGeometry of(CPythonProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("PymallocGeometry.of: profile is null");
        }
        return new PymallocGeometry(profile.poolSize(), profile.arenaSize(), profile.poolSize() > 4096);
    }

    /** True for a request pymalloc serves itself (1..512 bytes). */
    public static boolean isSmallRequest(long nbytes) {
        return nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD;
    }

    /** The size class index of a small request: {@code (n - 1) >> 4}. */
    public static int sizeClassOf(int nbytes) {
        if (!isSmallRequest(nbytes)) {
            throw new IllegalArgumentException("sizeClassOf: " + nbytes + " bytes is not a small request (1.."
                    + SMALL_REQUEST_THRESHOLD + ")");
        }
        return (nbytes - 1) >> 4;
    }

    /** The block size of a size class: {@code (idx + 1) * 16}. */
    public static int blockSize(int sizeClass) {
        checkClass(sizeClass);
        return (sizeClass + 1) * ALIGNMENT;
    }

    static void checkClass(int sizeClass) {
        if (sizeClass < 0 || sizeClass >= NUM_SIZE_CLASSES) {
            throw new IllegalArgumentException("size class " + sizeClass + " out of range 0.." + (NUM_SIZE_CLASSES - 1));
        }
    }

    public int poolSize() {
        return poolSize;
    }

    public int arenaSize() {
        return arenaSize;
    }

    /** Pools in an arena whose start is pool-aligned; a misaligned arena has one fewer. */
    public int poolsPerArena() {
        return arenaSize / poolSize;
    }

    /** True from 3.10: {@code sys._debugmallocstats()} prints the "arena map" section. */
    public boolean hasArenaMap() {
        return arenaMap;
    }

    /** Blocks that fit in one pool after its header. */
    public int blocksPerPool(int sizeClass) {
        return (poolSize - POOL_OVERHEAD) / blockSize(sizeClass);
    }

    /** Bytes at the end of a pool too small for another block ("lost to quantization"). */
    public int quantizationWaste(int sizeClass) {
        return (poolSize - POOL_OVERHEAD) % blockSize(sizeClass);
    }

    /** The most blocks any pool can hold (those of the smallest class). */
    public int maxBlocksPerPool() {
        return blocksPerPool(0);
    }
}
