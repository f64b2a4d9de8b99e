package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.pymalloc.CPythonInterpreters.Interpreter;
import dev.shadowheap.model.pymalloc.CPythonInterpreters.Run;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Differential tests: one {@link AllocationTrace} is replayed by real CPython ({@code trace_runner.py},
 * every interpreter found) and by the model, and the controllable numbers must agree exactly at every
 * snapshot: per size class of the trace the pools, blocks in use and available blocks; the arena
 * counters (allocated total, current, reclaimed, highwater) and unused pools. CPython's numbers are
 * taken as deltas from its "baseline" snapshot, where the runner has made the trace's classes free of
 * partially used pools and left no free pool in any arena (checked here), so the model starts empty.
 *
 * <p>Trace requests are at least 129 bytes (class 8 and up): the runner's own short-lived objects live
 * in the small classes, and a trace class must not see them.
 */
class PymallocDifferentialTest {

    @TempDir
    Path workDir;

    @TestFactory
    List<DynamicTest> modelMatchesCPython() {
        List<Interpreter> interpreters = CPythonInterpreters.available();
        System.out.println("pymalloc differential tests run on: " + interpreters);
        assumeFalse(interpreters.isEmpty(), "no CPython interpreter found");
        List<Supplier<AllocationTrace>> scenarios = List.of(
                PymallocDifferentialTest::hundredThousand383ByteObjects,
                () -> fragmentation(7),
                () -> fragmentation(1234),
                PymallocDifferentialTest::freeAllReturnsArenas,
                PymallocDifferentialTest::largeRequestsBypass);
        List<DynamicTest> tests = new ArrayList<>();
        for (Interpreter interpreter : interpreters) {
            for (Supplier<AllocationTrace> scenario : scenarios) {
                AllocationTrace trace = scenario.get();
                tests.add(DynamicTest.dynamicTest(interpreter.version() + " " + trace.name(),
                        () -> compare(interpreter, trace)));
            }
        }
        return tests;
    }

    /** §6 (J): 100,000 objects of 383 bytes (class 23), then all freed. */
    static AllocationTrace hundredThousand383ByteObjects() {
        AllocationTrace trace = new AllocationTrace("bulk383");
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            trace.alloc(i, 383);
        }
        trace.snapshot("allocated");
        for (int i = 0; i < n; i++) {
            trace.free(i);
        }
        return trace.snapshot("freed");
    }

    /** Mixed sizes with random frees: partially used pools everywhere, arenas kept by a few blocks. */
    static AllocationTrace fragmentation(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = randomSizes(random, 7);
        AllocationTrace trace = new AllocationTrace("fragmentation-" + seed);
        int slots = 12_000;
        boolean[] live = new boolean[slots];
        for (int step = 1; step <= 60_000; step++) {
            int slot = random.nextInt(slots);
            // Grow for the first half, then shrink: the live set peaks and drains, fragmenting pools.
            boolean growing = step < 30_000 ? random.nextInt(10) < 7 : random.nextInt(10) < 3;
            if (!live[slot] && growing) {
                trace.alloc(slot, sizes[random.nextInt(sizes.length)]);
                live[slot] = true;
            } else if (live[slot] && !growing) {
                trace.free(slot);
                live[slot] = false;
            }
            if (step % 10_000 == 0) {
                trace.snapshot("step" + step);
            }
        }
        // Free every other survivor: pools become partially used, whole arenas rarely empty.
        for (int slot = 0; slot < slots; slot += 2) {
            if (live[slot]) {
                trace.free(slot);
                live[slot] = false;
            }
        }
        return trace.snapshot("halved");
    }

    /** Many objects of several classes, then all freed in random order: every arena the trace mapped is released (one kept on 3.9+). */
    static AllocationTrace freeAllReturnsArenas() {
        SplittableRandom random = new SplittableRandom(99);
        int[] sizes = randomSizes(random, 4);
        AllocationTrace trace = new AllocationTrace("free-all");
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            trace.alloc(i, sizes[random.nextInt(sizes.length)]);
        }
        trace.snapshot("allocated");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++) {
            trace.free(order[i]);
            if (i == n / 2) {
                trace.snapshot("half-freed");
            }
        }
        return trace.snapshot("all-freed");
    }

    /** Requests above 512 bytes go to the system allocator: they must not move pymalloc's numbers. */
    static AllocationTrace largeRequestsBypass() {
        AllocationTrace trace = new AllocationTrace("large-bypass");
        int[] large = {513, 600, 1000, 4096};
        for (int i = 0; i < 20_000; i++) {
            trace.alloc(i, i % 5 == 0 ? 200 : large[i % large.length]);
        }
        trace.snapshot("allocated");
        for (int i = 0; i < 20_000; i++) {
            trace.free(i);
        }
        return trace.snapshot("freed");
    }

    /** Distinct request sizes, one per size class, from classes 8..31. */
    private static int[] randomSizes(SplittableRandom random, int count) {
        List<Integer> classes = new ArrayList<>();
        for (int c = 8; c < PymallocGeometry.NUM_SIZE_CLASSES; c++) {
            classes.add(c);
        }
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            int sizeClass = classes.remove(random.nextInt(classes.size()));
            sizes[i] = sizeClass * PymallocGeometry.ALIGNMENT + 1 + random.nextInt(PymallocGeometry.ALIGNMENT);
        }
        return sizes;
    }

    private void compare(Interpreter interpreter, AllocationTrace trace) throws Exception {
        Run run = CPythonInterpreters.run(interpreter, trace, workDir);
        Map<String, MallocStatsText> real = run.snapshots();
        MallocStatsText base = real.get("baseline");
        String context = interpreter + " " + trace.name() + "\n" + run.info();
        assertEquals(0, base.unusedPools, "baseline must have no free pool in any arena; " + context);
        for (int c : trace.sizeClasses()) {
            assertEquals(0, base.avail[c], "baseline must have no partially used pool in class " + c + "; " + context);
        }
        ArenaAlignment alignment = alignmentOfNewArenas(base, real, interpreter.profile().poolSize(), context);
        Map<String, PymallocStats> model = trace.replay(new Pymalloc(interpreter.profile(), alignment));
        assertEquals(trace.labels(), List.copyOf(real.keySet()).subList(1, real.size()), context);
        for (String label : trace.labels()) {
            MallocStatsText now = real.get(label);
            PymallocStats expected = model.get(label);
            String where = context + "at snapshot " + label + ": ";
            for (int c : trace.sizeClasses()) {
                assertEquals(expected.pools(c), now.pools[c] - base.pools[c], where + "pools of class " + c);
                assertEquals(expected.blocksInUse(c), now.inUse[c] - base.inUse[c], where + "blocks in use of class " + c);
                assertEquals(expected.availableBlocks(c), now.avail[c] - base.avail[c], where + "avail blocks of class " + c);
            }
            assertEquals(expected.arenasAllocatedTotal(), now.arenasTotal() - base.arenasTotal(), where + "arenas allocated total");
            assertEquals(expected.arenasCurrent(), now.arenasCurrent() - base.arenasCurrent(), where + "arenas current");
            assertEquals(expected.arenasReclaimed(), now.arenasReclaimed() - base.arenasReclaimed(), where + "arenas reclaimed");
            assertEquals(Math.max(base.arenasHighwater(), base.arenasCurrent() + expected.arenasHighwater()),
                    now.arenasHighwater(), where + "arenas highwater");
            assertEquals(expected.unusedPools(), now.unusedPools, where + "unused pools");
            assertEquals(expected.alignmentBytes(), now.alignmentBytes() - base.alignmentBytes(), where + "alignment bytes");
        }
        PymallocStats last = model.get(trace.labels().get(trace.labels().size() - 1));
        System.out.printf("  %s %-20s arenas mapped %d, released %d, highwater %d, %s%n", interpreter.version(),
                trace.name(), last.arenasAllocatedTotal(), last.arenasReclaimed(), last.arenasHighwater(),
                alignment == ArenaAlignment.EVERY_ARENA ? "every new arena lost a pool" : "arenas pool-aligned");
    }

    /**
     * Whether CPython's new arenas lost a pool to alignment: an input to the model (it depends on
     * mmap's addresses), read from the first snapshot that mapped arenas and released none.
     */
    private static ArenaAlignment alignmentOfNewArenas(MallocStatsText base, Map<String, MallocStatsText> real,
            int poolSize, String context) {
        for (MallocStatsText now : real.values()) {
            long mapped = now.arenasCurrent() - base.arenasCurrent();
            if (mapped > 0 && now.arenasReclaimed() == base.arenasReclaimed()) {
                long lost = (now.alignmentBytes() - base.alignmentBytes()) / poolSize;
                if (lost == mapped) {
                    return ArenaAlignment.EVERY_ARENA;
                }
                if (lost == 0) {
                    return ArenaAlignment.NONE;
                }
                fail("only " + lost + " of " + mapped + " new arenas lost a pool to alignment: the model cannot know which; "
                        + context);
            }
        }
        assertTrue(true, "no arena mapped: alignment does not matter");
        return ArenaAlignment.NONE;
    }
}
