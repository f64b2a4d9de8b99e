package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * A faithful model of CPython's small-object allocator, pymalloc ({@code Objects/obmalloc.c}; the
 * facts are in {@code cpython-memory-model.md} §4), for one 64-bit CPython version.
 *
 * <p>What is reproduced: size classes of 16 bytes up to 512; pools with a LIFO free list and lazily
 * carved never-used blocks; per-class {@code usedpools} lists with front insertion when a full pool
 * gets a block back; per-arena LIFO {@code freepools}; the arena-object vector (16 slots, doubling)
 * with LIFO reuse of unused slots; {@code usable_arenas} sorted by ascending free pools, with the head
 * used first and O(1) re-sorting through {@code nfp2lasta}; release of an arena when its last pool
 * empties (3.8 always, 3.9+ unless it is the last usable arena); the arena counters. Requests of 0 and
 * more than 512 bytes go to "system malloc", which is only counted.
 *
 * <p>Storage is compact: pools and arenas are rows of int arrays, free-list links are one
 * {@code char} per block and ownership one bit per block, both in per-arena arrays. A block is
 * named by a {@code long} handle: {@code ((pool + 1) << 16) | block} for pymalloc blocks (so
 * {@code 0} is null, like a C null pointer), and a tagged value carrying the size for system-malloc
 * blocks.
 *
 * <p>Not thread-safe, like pymalloc under the GIL: callers serialise access (the shadow heap's
 * listener calls already are).
 */
public final class Pymalloc {

    private static final int NONE = -1;
    private static final char END_OF_LIST = 0xFFFF;
    /** Pool szidx of a pool carved but never initialised for a class (CPython's DUMMY_SIZE_IDX). */
    private static final int DUMMY_SIZE_CLASS = 0xFFFF;
    private static final int INITIAL_ARENA_OBJECTS = 16;
    private static final int BLOCK_BITS = 16;
    private static final long RAW_TAG = 1L << 62;
    private static final long RAW_SIZE_MASK = 0xFFFF_FFFFL;

    private final CPythonProfile profile;
    private final PymallocGeometry geometry;
    private final ArenaAlignment alignment;
    private final boolean keepsOneEmptyArena;
    private final int poolsPerArena;
    private final int blocksPerArena;
    private final int[] blocksPerPool = new int[PymallocGeometry.NUM_SIZE_CLASSES];

    // Arena objects, indexed by slot in the arena vector.
    private int maxArenas;
    private boolean[] arenaMapped = new boolean[0];
    private boolean[] arenaMisaligned = new boolean[0];
    private int[] arenaFreePoolCount = new int[0];   // nfreepools: emptied + never carved
    private int[] arenaTotalPools = new int[0];
    private int[] arenaCarved = new int[0];          // pools carved so far (pool_address)
    private int[] arenaFreePools = new int[0];       // head of the freepools list (global pool) or NONE
    private int[] arenaNext = new int[0];            // usable_arenas / unused_arena_objects link
    private int[] arenaPrev = new int[0];
    private char[][] blockLinks = new char[0][];     // per arena: next free block of each block
    private long[][] blockOwned = new long[0][];     // per arena: one bit per handed-out block
    private int unusedArenas = NONE;
    private int usableArenas = NONE;
    private final int[] lastArenaWithFreePools;      // nfp2lasta

    // Pools, indexed by arenaSlot * poolsPerArena + index in arena.
    private int[] poolCount = new int[0];            // ref.count: blocks handed out
    private int[] poolFreeBlock = new int[0];        // head of the free list, block index or NONE
    private int[] poolNextVirgin = new int[0];       // nextoffset as a block index
    private int[] poolSizeClass = new int[0];
    private int[] poolNext = new int[0];             // usedpools ring / freepools link
    private int[] poolPrev = new int[0];
    private final int[] usedPools = new int[PymallocGeometry.NUM_SIZE_CLASSES];

    private long arenasAllocatedTotal;
    private long arenasCurrent;
    private long arenasHighwater;
    private long blocksInUse;
    private long rawBlocks;
    private long rawBytes;
    private long rawSerial;

    /** A model with pool-aligned arenas ({@link ArenaAlignment#NONE}). */
    public Pymalloc(CPythonProfile profile) {
        this(profile, ArenaAlignment.NONE);
    }

    public Pymalloc(CPythonProfile profile, ArenaAlignment alignment) {
        if (profile == null || alignment == null) {
            throw new IllegalArgumentException("Pymalloc: profile and alignment are required");
        }
        this.profile = profile;
        this.geometry = PymallocGeometry.of(profile);
        this.alignment = alignment;
        this.keepsOneEmptyArena = profile.keepsOneEmptyArena();
        this.poolsPerArena = geometry.poolsPerArena();
        this.blocksPerArena = poolsPerArena * geometry.maxBlocksPerPool();
        for (int c = 0; c < blocksPerPool.length; c++) {
            blocksPerPool[c] = geometry.blocksPerPool(c);
        }
        this.lastArenaWithFreePools = new int[poolsPerArena + 1];
        Arrays.fill(lastArenaWithFreePools, NONE);
        Arrays.fill(usedPools, NONE);
    }

    public CPythonProfile profile() {
        return profile;
    }

    public PymallocGeometry geometry() {
        return geometry;
    }

    // ------------------------------------------------------------------------------------------
    // Allocation

    /**
     * {@code PyObject_Malloc(nbytes)}: a block of the request's size class, or a counted system-malloc
     * block for 0 or more than 512 bytes.
     *
     * @return a non-zero handle for {@link #free} and {@link #realloc}
     */
    public long malloc(int nbytes) {
        if (nbytes < 0) {
            throw new IllegalArgumentException("malloc: negative size " + nbytes);
        }
        if (!PymallocGeometry.isSmallRequest(nbytes)) {
            return rawMalloc(nbytes);
        }
        int sizeClass = (nbytes - 1) >> 4;
        int pool = usedPools[sizeClass];
        long handle = pool != NONE ? takeFromUsedPool(pool, sizeClass) : takeFromNewPool(sizeClass);
        blocksInUse++;
        return handle;
    }

    private long takeFromUsedPool(int pool, int sizeClass) {
        poolCount[pool]++;
        int block = poolFreeBlock[pool];
        char[] links = blockLinks[pool / poolsPerArena];
        int base = linkBase(pool);
        int next = links[base + block];
        if (next != END_OF_LIST) {
            poolFreeBlock[pool] = next;
        } else if (poolNextVirgin[pool] < blocksPerPool[sizeClass]) {
            // Free list exhausted: carve the next never-used block.
            int virgin = poolNextVirgin[pool]++;
            links[base + virgin] = END_OF_LIST;
            poolFreeBlock[pool] = virgin;
        } else {
            poolFreeBlock[pool] = NONE;
            unlinkUsedPool(pool); // now full: full pools are in no list
        }
        return own(pool, block);
    }

    private long takeFromNewPool(int sizeClass) {
        if (usableArenas == NONE) {
            int arena = newArena();
            arenaNext[arena] = NONE;
            arenaPrev[arena] = NONE;
            usableArenas = arena;
            lastArenaWithFreePools[arenaFreePoolCount[arena]] = arena;
        }
        int arena = usableArenas;
        int freePools = arenaFreePoolCount[arena];
        // The head has the fewest free pools, so taking one keeps the list sorted; only the
        // bookkeeping of the last arena per count changes.
        if (lastArenaWithFreePools[freePools] == arena) {
            lastArenaWithFreePools[freePools] = NONE;
        }
        if (freePools > 1) {
            lastArenaWithFreePools[freePools - 1] = arena;
        }
        int pool = arenaFreePools[arena];
        if (pool != NONE) {
            arenaFreePools[arena] = poolNext[pool];
        } else {
            pool = arena * poolsPerArena + arenaCarved[arena]++;
            poolSizeClass[pool] = DUMMY_SIZE_CLASS;
        }
        arenaFreePoolCount[arena] = freePools - 1;
        if (freePools == 1) {
            usableArenas = arenaNext[arena]; // wholly allocated: leaves the usable list
            if (usableArenas != NONE) {
                arenaPrev[usableArenas] = NONE;
            }
        }
        // The class had no partially used pool, so this one becomes the whole list.
        usedPools[sizeClass] = pool;
        poolNext[pool] = pool;
        poolPrev[pool] = pool;
        poolCount[pool] = 1;
        if (poolSizeClass[pool] == sizeClass) {
            // Same class as before it emptied: its free list is still valid (and holds >= 2 blocks).
            int block = poolFreeBlock[pool];
            char next = blockLinks[arena][linkBase(pool) + block];
            poolFreeBlock[pool] = next == END_OF_LIST ? NONE : next;
            return own(pool, block);
        }
        poolSizeClass[pool] = sizeClass;
        poolFreeBlock[pool] = 1;
        blockLinks[arena][linkBase(pool) + 1] = END_OF_LIST;
        poolNextVirgin[pool] = 2;
        return own(pool, 0);
    }

    private int newArena() {
        if (unusedArenas == NONE) {
            growArenaVector();
        }
        int arena = unusedArenas;
        unusedArenas = arenaNext[arena];
        boolean misaligned = alignment.losesPool(arenasAllocatedTotal);
        arenaMapped[arena] = true;
        arenaMisaligned[arena] = misaligned;
        arenaTotalPools[arena] = poolsPerArena - (misaligned ? 1 : 0);
        arenaFreePoolCount[arena] = arenaTotalPools[arena];
        arenaCarved[arena] = 0;
        arenaFreePools[arena] = NONE;
        blockLinks[arena] = new char[blocksPerArena];
        blockOwned[arena] = new long[(blocksPerArena + 63) >>> 6];
        arenasAllocatedTotal++;
        arenasCurrent++;
        arenasHighwater = Math.max(arenasHighwater, arenasCurrent);
        return arena;
    }

    private void growArenaVector() {
        int newMax = maxArenas == 0 ? INITIAL_ARENA_OBJECTS : maxArenas * 2;
        if ((long) newMax * poolsPerArena > Integer.MAX_VALUE / 2) {
            throw new IllegalStateException("pymalloc model: more than " + maxArenas + " arenas");
        }
        arenaMapped = Arrays.copyOf(arenaMapped, newMax);
        arenaMisaligned = Arrays.copyOf(arenaMisaligned, newMax);
        arenaFreePoolCount = Arrays.copyOf(arenaFreePoolCount, newMax);
        arenaTotalPools = Arrays.copyOf(arenaTotalPools, newMax);
        arenaCarved = Arrays.copyOf(arenaCarved, newMax);
        arenaFreePools = Arrays.copyOf(arenaFreePools, newMax);
        arenaNext = Arrays.copyOf(arenaNext, newMax);
        arenaPrev = Arrays.copyOf(arenaPrev, newMax);
        blockLinks = Arrays.copyOf(blockLinks, newMax);
        blockOwned = Arrays.copyOf(blockOwned, newMax);
        int pools = newMax * poolsPerArena;
        poolCount = Arrays.copyOf(poolCount, pools);
        poolFreeBlock = Arrays.copyOf(poolFreeBlock, pools);
        poolNextVirgin = Arrays.copyOf(poolNextVirgin, pools);
        poolSizeClass = Arrays.copyOf(poolSizeClass, pools);
        poolNext = Arrays.copyOf(poolNext, pools);
        poolPrev = Arrays.copyOf(poolPrev, pools);
        // New slots join the unused list in ascending order, as CPython links them.
        for (int a = maxArenas; a < newMax; a++) {
            arenaNext[a] = a + 1 < newMax ? a + 1 : NONE;
        }
        unusedArenas = maxArenas;
        maxArenas = newMax;
    }

    private long rawMalloc(int nbytes) {
        rawBlocks++;
        rawBytes += nbytes;
        long serial = (rawSerial++) & 0x3FFF_FFFFL;
        return RAW_TAG | serial << 32 | nbytes;
    }

    // ------------------------------------------------------------------------------------------
    // Free

    /**
     * {@code PyObject_Free}: returns the block to its pool (or the system-malloc block to the counts).
     * A handle of {@code 0} is ignored, like {@code free(NULL)}.
     *
     * @throws IllegalArgumentException if the handle does not name a block currently handed out;
     *     the model is left unchanged
     */
    public void free(long handle) {
        if (handle == 0) {
            return;
        }
        if (isRaw(handle)) {
            freeRaw(handle);
            return;
        }
        int pool = checkedPool(handle, "free");
        int block = (int) (handle & ((1 << BLOCK_BITS) - 1));
        disown(pool, block);
        blocksInUse--;
        int arena = pool / poolsPerArena;
        int lastFree = poolFreeBlock[pool];
        blockLinks[arena][linkBase(pool) + block] = lastFree == NONE ? END_OF_LIST : (char) lastFree;
        poolFreeBlock[pool] = block;
        poolCount[pool]--;
        if (lastFree == NONE) {
            // It was full, so in no list: put it at the front so the next request of its class uses it.
            insertUsedPoolAtFront(pool);
            return;
        }
        if (poolCount[pool] == 0) {
            unlinkUsedPool(pool);
            returnPoolToArena(pool, arena);
        }
    }

    private void freeRaw(long handle) {
        if (rawBlocks == 0) {
            throw new IllegalArgumentException("free: system-malloc handle 0x" + Long.toHexString(handle)
                    + " but no system-malloc block is allocated");
        }
        rawBlocks--;
        rawBytes -= handle & RAW_SIZE_MASK;
    }

    private void returnPoolToArena(int pool, int arena) {
        poolNext[pool] = arenaFreePools[arena];
        arenaFreePools[arena] = pool;
        int oldFree = arenaFreePoolCount[arena];
        int lastWithOld = lastArenaWithFreePools[oldFree];
        if (lastWithOld == arena) {
            int prev = arenaPrev[arena];
            lastArenaWithFreePools[oldFree] = prev != NONE && arenaFreePoolCount[prev] == oldFree ? prev : NONE;
        }
        int free = oldFree + 1;
        arenaFreePoolCount[arena] = free;

        boolean releasable = free == arenaTotalPools[arena]
                && (!keepsOneEmptyArena || arenaNext[arena] != NONE);
        if (releasable) {
            unlinkUsableArena(arena);
            releaseArena(arena);
            return;
        }
        if (free == 1) {
            // It was full, so not in the list: it has the fewest free pools now, so it goes first.
            arenaNext[arena] = usableArenas;
            arenaPrev[arena] = NONE;
            if (usableArenas != NONE) {
                arenaPrev[usableArenas] = arena;
            }
            usableArenas = arena;
            if (lastArenaWithFreePools[1] == NONE) {
                lastArenaWithFreePools[1] = arena;
            }
            return;
        }
        if (lastArenaWithFreePools[free] == NONE) {
            lastArenaWithFreePools[free] = arena;
        }
        if (lastWithOld == arena) {
            return; // it was the rightmost with the old count, so it is still in order
        }
        // Slide it right, behind the last arena that had its old count.
        unlinkUsableArena(arena);
        arenaPrev[arena] = lastWithOld;
        arenaNext[arena] = arenaNext[lastWithOld];
        if (arenaNext[lastWithOld] != NONE) {
            arenaPrev[arenaNext[lastWithOld]] = arena;
        }
        arenaNext[lastWithOld] = arena;
    }

    private void unlinkUsableArena(int arena) {
        int prev = arenaPrev[arena];
        int next = arenaNext[arena];
        if (prev == NONE) {
            usableArenas = next;
        } else {
            arenaNext[prev] = next;
        }
        if (next != NONE) {
            arenaPrev[next] = prev;
        }
    }

    private void releaseArena(int arena) {
        arenaMapped[arena] = false;
        blockLinks[arena] = null;
        blockOwned[arena] = null;
        arenaNext[arena] = unusedArenas;
        unusedArenas = arena;
        arenasCurrent--;
    }

    // ------------------------------------------------------------------------------------------
    // Realloc

    /**
     * {@code PyObject_Realloc}. A pymalloc block stays where it is if the new size fits its block and
     * shrinks it by less than a quarter; otherwise a new block is taken (pymalloc or system) before
     * the old one is freed. A system-malloc block stays with the system allocator whatever the size.
     * A handle of {@code 0} is {@link #malloc}.
     *
     * @return the handle of the block now holding the data (possibly the same)
     */
    public long realloc(long handle, int nbytes) {
        if (nbytes < 0) {
            throw new IllegalArgumentException("realloc: negative size " + nbytes);
        }
        if (handle == 0) {
            return malloc(nbytes);
        }
        if (isRaw(handle)) {
            long oldSize = handle & RAW_SIZE_MASK;
            if (rawBlocks == 0) {
                throw new IllegalArgumentException("realloc: system-malloc handle but none is allocated");
            }
            rawBytes += nbytes - oldSize;
            return (handle & ~RAW_SIZE_MASK) | nbytes;
        }
        int pool = checkedPool(handle, "realloc");
        int blockSize = PymallocGeometry.blockSize(poolSizeClass[pool]);
        if (nbytes <= blockSize && 4L * nbytes > 3L * blockSize) {
            return handle;
        }
        long moved = malloc(nbytes);
        free(handle);
        return moved;
    }

    // ------------------------------------------------------------------------------------------
    // Handles

    /** True if the handle names a system-malloc block (0 or more than 512 bytes). */
    public static boolean isRaw(long handle) {
        return (handle & RAW_TAG) != 0 && handle > 0;
    }

    /** The request size class of a pymalloc handle, or -1 for a system-malloc handle. */
    public int sizeClassOf(long handle) {
        if (isRaw(handle)) {
            return -1;
        }
        return poolSizeClass[checkedPool(handle, "sizeClassOf")];
    }

    private int linkBase(int pool) {
        return (pool % poolsPerArena) * geometry.maxBlocksPerPool();
    }

    private long own(int pool, int block) {
        int bit = linkBase(pool) + block;
        blockOwned[pool / poolsPerArena][bit >>> 6] |= 1L << bit;
        return ((long) (pool + 1) << BLOCK_BITS) | block;
    }

    private void disown(int pool, int block) {
        int bit = linkBase(pool) + block;
        blockOwned[pool / poolsPerArena][bit >>> 6] &= ~(1L << bit);
    }

    private int checkedPool(long handle, String operation) {
        long poolPlusOne = handle >>> BLOCK_BITS;
        int block = (int) (handle & ((1 << BLOCK_BITS) - 1));
        if (handle < 0 || poolPlusOne < 1 || poolPlusOne > (long) maxArenas * poolsPerArena) {
            throw badHandle(handle, operation, "no such pool");
        }
        int pool = (int) poolPlusOne - 1;
        int arena = pool / poolsPerArena;
        if (!arenaMapped[arena] || pool % poolsPerArena >= arenaCarved[arena] || poolCount[pool] == 0) {
            throw badHandle(handle, operation, "its pool holds no blocks");
        }
        int sizeClass = poolSizeClass[pool];
        if (block >= blocksPerPool[sizeClass]) {
            throw badHandle(handle, operation, "block index beyond the pool");
        }
        int bit = linkBase(pool) + block;
        if ((blockOwned[arena][bit >>> 6] & (1L << bit)) == 0) {
            throw badHandle(handle, operation, "block is not allocated (double free?)");
        }
        return pool;
    }

    private static IllegalArgumentException badHandle(long handle, String operation, String why) {
        return new IllegalArgumentException(operation + ": handle 0x" + Long.toHexString(handle)
                + " is not a live block: " + why);
    }

    // ------------------------------------------------------------------------------------------
    // usedpools

    private void insertUsedPoolAtFront(int pool) {
        int sizeClass = poolSizeClass[pool];
        int head = usedPools[sizeClass];
        if (head == NONE) {
            poolNext[pool] = pool;
            poolPrev[pool] = pool;
        } else {
            int tail = poolPrev[head];
            poolNext[pool] = head;
            poolPrev[pool] = tail;
            poolPrev[head] = pool;
            poolNext[tail] = pool;
        }
        usedPools[sizeClass] = pool;
    }

    private void unlinkUsedPool(int pool) {
        int sizeClass = poolSizeClass[pool];
        int next = poolNext[pool];
        if (next == pool) {
            usedPools[sizeClass] = NONE;
            return;
        }
        int prev = poolPrev[pool];
        poolNext[prev] = next;
        poolPrev[next] = prev;
        if (usedPools[sizeClass] == pool) {
            usedPools[sizeClass] = next;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Statistics

    /** Blocks handed out by pymalloc now (what {@code sys.getallocatedblocks()} counts). */
    public long blocksInUse() {
        return blocksInUse;
    }

    /** A snapshot of the numbers {@code sys._debugmallocstats()} prints, computed by walking the arenas. */
    public PymallocStats stats() {
        int classes = PymallocGeometry.NUM_SIZE_CLASSES;
        long[] pools = new long[classes];
        long[] used = new long[classes];
        long[] avail = new long[classes];
        long unusedPools = 0;
        long misaligned = 0;
        for (int arena = 0; arena < maxArenas; arena++) {
            if (!arenaMapped[arena]) {
                continue;
            }
            unusedPools += arenaFreePoolCount[arena];
            if (arenaMisaligned[arena]) {
                misaligned++;
            }
            int first = arena * poolsPerArena;
            for (int pool = first; pool < first + arenaCarved[arena]; pool++) {
                int count = poolCount[pool];
                if (count == 0) {
                    continue; // an emptied pool waiting in freepools
                }
                int sizeClass = poolSizeClass[pool];
                pools[sizeClass]++;
                used[sizeClass] += count;
                avail[sizeClass] += blocksPerPool[sizeClass] - count;
            }
        }
        return new PymallocStats(geometry, pools, used, avail, arenasAllocatedTotal, arenasCurrent, arenasHighwater,
                unusedPools, misaligned, rawBlocks, rawBytes);
    }

    /**
     * Prints the pymalloc part of {@code sys._debugmallocstats()} in CPython's layout (see
     * {@link DebugMallocStatsFormat} for what is and is not reproduced).
     */
    public void printDebugMallocStats(PrintStream out) {
        DebugMallocStatsFormat.print(stats(), out);
    }
}
