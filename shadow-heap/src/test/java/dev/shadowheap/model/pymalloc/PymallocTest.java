package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PymallocTest {

    private static final int BLOCK_512 = 512; // class 31: 7 blocks per 4 KiB pool, 31 per 16 KiB pool

    @Test
    void freedBlockIsReusedFirst() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11);
        long a = model.malloc(100);
        long b = model.malloc(100);
        model.free(a);
        assertEquals(a, model.malloc(97), "LIFO free list: the last freed block of the class comes back");
        assertNotEquals(a, b);
    }

    @Test
    void fullPoolGettingABlockBackGoesToTheFrontOfItsClass() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_8);
        List<Long> first = fillPools(model, 2); // two full pools of class 31
        long fromFirstPool = first.get(0);
        long fromSecondPool = first.get(7);
        model.free(fromFirstPool);
        model.free(fromSecondPool);
        assertEquals(fromSecondPool, model.malloc(BLOCK_512), "the pool freed into last is at the front");
        assertEquals(fromFirstPool, model.malloc(BLOCK_512));
    }

    @Test
    void newPoolsComeFromTheMostUsedArena() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_8);
        List<Long> blocks = fillPools(model, 128); // two full arenas of 64 pools
        assertEquals(2, model.stats().arenasCurrent());
        // Empty one pool in arena 2 and two in arena 1: arena 2 (1 free pool) is then ahead of arena 1 (2).
        freePool(model, blocks, 127);
        freePool(model, blocks, 0);
        freePool(model, blocks, 1);
        assertEquals(3, model.stats().unusedPools());
        long reused = model.malloc(BLOCK_512);
        assertEquals(blocks.get(127 * 7 + 6), reused, "arena 2's emptied pool serves the next new pool");
        assertEquals(2, model.stats().unusedPools());
        // Arena 2 is full again; arena 1's most recently emptied pool (pool 1) is next.
        for (int i = 0; i < 6; i++) {
            model.malloc(BLOCK_512);
        }
        assertEquals(blocks.get(7 + 6), model.malloc(BLOCK_512));
    }

    @Test
    void arenaIsReleasedOnLastFreeIn38ButOneEmptyArenaIsKeptFrom39() {
        Pymalloc py38 = new Pymalloc(CPythonProfile.PY_3_8);
        py38.free(py38.malloc(40));
        assertEquals(0, py38.stats().arenasCurrent());
        assertEquals(1, py38.stats().arenasReclaimed());

        Pymalloc py311 = new Pymalloc(CPythonProfile.PY_3_11);
        py311.free(py311.malloc(40));
        assertEquals(1, py311.stats().arenasCurrent(), "the only (last) usable arena is kept");
        assertEquals(64, py311.stats().unusedPools());

        List<Long> blocks = fillPools(py311, 65); // one full arena and one pool in a second
        assertEquals(2, py311.stats().arenasCurrent());
        for (long block : blocks) {
            py311.free(block);
        }
        PymallocStats stats = py311.stats();
        assertEquals(1, stats.arenasCurrent(), "of two empty arenas, one is returned");
        assertEquals(1, stats.arenasReclaimed());
        assertEquals(2, stats.arenasHighwater());
    }

    @Test
    void misalignedArenasHaveOnePoolLess() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11, ArenaAlignment.EVERY_ARENA);
        fillPools(model, 63);
        assertEquals(1, model.stats().arenasCurrent());
        assertEquals(0, model.stats().unusedPools());
        model.malloc(BLOCK_512);
        PymallocStats stats = model.stats();
        assertEquals(2, stats.arenasCurrent());
        assertEquals(62, stats.unusedPools());
        assertEquals(2L * 16384, stats.alignmentBytes());
        assertEquals(stats.arenasCurrent() * 1024 * 1024, stats.totalBytes());
    }

    @Test
    void requestsOfZeroAndAbove512GoToTheSystemAllocator() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11);
        long zero = model.malloc(0);
        long large = model.malloc(513);
        assertTrue(Pymalloc.isRaw(zero) && Pymalloc.isRaw(large));
        PymallocStats stats = model.stats();
        assertEquals(0, stats.arenasAllocatedTotal());
        assertEquals(2, stats.systemBlocks());
        assertEquals(513, stats.systemBytes());
        model.free(large);
        model.free(zero);
        assertEquals(0, model.stats().systemBlocks());
        assertEquals(0, model.stats().systemBytes());
    }

    @Test
    void reallocKeepsABlockUnlessItShrinksByAQuarterOrGrowsOutOfIt() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11);
        long block = model.malloc(100); // class 6, 112-byte block
        assertEquals(block, model.realloc(block, 112));
        assertEquals(block, model.realloc(block, 85), "4*85 > 3*112: stays");
        long moved = model.realloc(block, 84);
        assertNotEquals(block, moved, "4*84 = 3*112: copied to a smaller block");
        assertEquals(5, model.sizeClassOf(moved));
        long grown = model.realloc(moved, 600);
        assertTrue(Pymalloc.isRaw(grown));
        assertEquals(0, model.blocksInUse());
        long shrunk = model.realloc(grown, 100);
        assertTrue(Pymalloc.isRaw(shrunk), "a system block never moves into pymalloc");
        assertEquals(100, model.stats().systemBytes());
        long fresh = model.realloc(0, 48);
        assertEquals(2, model.sizeClassOf(fresh));
    }

    @Test
    void badHandlesAreRejectedWithoutChangingTheModel() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11);
        long block = model.malloc(64);
        model.malloc(64);
        model.free(block);
        String before = print(model);
        IllegalArgumentException doubleFree = assertThrows(IllegalArgumentException.class, () -> model.free(block));
        assertTrue(doubleFree.getMessage().contains("not allocated"), doubleFree.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.free(12345L << 16));
        assertThrows(IllegalArgumentException.class, () -> model.free(-7));
        assertThrows(IllegalArgumentException.class, () -> model.realloc(block, 10));
        assertThrows(IllegalArgumentException.class, () -> model.malloc(-1));
        assertThrows(IllegalArgumentException.class, () -> new Pymalloc(null));
        assertEquals(before, print(model));
        model.free(0); // free(NULL) is allowed
        assertEquals(before, print(model));
    }

    @Test
    void randomWorkloadKeepsTheAccountingConsistent() {
        for (CPythonProfile profile : new CPythonProfile[] {CPythonProfile.PY_3_8, CPythonProfile.PY_3_13}) {
            Pymalloc model = new Pymalloc(profile, serial -> serial % 3 == 1);
            SplittableRandom random = new SplittableRandom(5);
            long[] live = new long[20_000];
            int[] requests = new int[live.length];
            long expectedInUse = 0;
            for (int step = 0; step < 200_000; step++) {
                int slot = random.nextInt(live.length);
                if (live[slot] == 0) {
                    requests[slot] = 1 + random.nextInt(600);
                    live[slot] = model.malloc(requests[slot]);
                    expectedInUse += PymallocGeometry.isSmallRequest(requests[slot]) ? 1 : 0;
                } else {
                    model.free(live[slot]);
                    expectedInUse -= PymallocGeometry.isSmallRequest(requests[slot]) ? 1 : 0;
                    live[slot] = 0;
                }
            }
            PymallocStats stats = model.stats();
            long inUse = 0;
            for (int c = 0; c < PymallocGeometry.NUM_SIZE_CLASSES; c++) {
                inUse += stats.blocksInUse(c);
                assertEquals(stats.pools(c) * stats.geometry().blocksPerPool(c), stats.blocksInUse(c) + stats.availableBlocks(c));
            }
            assertEquals(expectedInUse, inUse, profile.version());
            assertEquals(expectedInUse, model.blocksInUse());
            assertEquals(stats.arenasCurrent() * profile.arenaSize(), stats.totalBytes(), profile.version());
            for (long handle : live) {
                model.free(handle);
            }
            PymallocStats empty = model.stats();
            assertEquals(profile.keepsOneEmptyArena() ? 1 : 0, empty.arenasCurrent(), profile.version());
            assertEquals(0, empty.totalPoolsInUse());
        }
    }

    /** Allocates {@code pools} full pools of class 31; block i of pool p is at index p * blocksPerPool + i. */
    private static List<Long> fillPools(Pymalloc model, int pools) {
        int perPool = model.geometry().blocksPerPool(31);
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < pools * perPool; i++) {
            blocks.add(model.malloc(BLOCK_512));
        }
        return blocks;
    }

    private static void freePool(Pymalloc model, List<Long> blocks, int pool) {
        for (int i = 0; i < 7; i++) {
            model.free(blocks.get(pool * 7 + i));
        }
    }

    private static String print(Pymalloc model) {
        StringBuilder text = new StringBuilder();
        DebugMallocStatsFormat.format(model.stats(), text);
        return text.toString();
    }
}
