package dev.shadowheap.model.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.model.CPythonProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A young collection whose objects are all held by the host cannot free anything, and the collector then skips its
 * walks. Judged against the same collector with the shortcut off, driven by the same random program (allocations,
 * stores, objects let go of, explicit collections): after every step the counts, the stats, the live objects and
 * every generation's objects, in order, must be the same.
 */
class AllHeldYoungCollectionsTest {

    private static final int STEPS = 6_000;

    /** One heap with its collector, driven by the test. */
    private static final class Run {
        final ShadowHeap heap = new ShadowHeap();
        final CycleCollector collector;
        final int nodeClass;

        Run(CPythonProfile profile, boolean skip) {
            nodeClass = heap.classes().registerInstanceClass("Node", new String[] {"a", "b"}, true,
                    ShadowClass.Finalizer.NONE).id();
            collector = CycleCollector.attach(heap, profile);
            collector.skipWhenAllHeld = skip;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.8", "3.12", "3.13", "3.14.5"})
    void skippingTheWalksOfAllHeldYoungGenerationsChangesNothing(String version) {
        CPythonProfile profile = CPythonProfile.byName(version);
        long skipped = 0;
        for (int seed = 1; seed <= 8; seed++) {
            Run fast = new Run(profile, true);
            Run full = new Run(profile, false);
            SplittableRandom random = new SplittableRandom(seed);
            List<Integer> live = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                int op = random.nextInt(100);
                if (op < 45 || live.isEmpty()) {
                    int id = fast.heap.allocate(fast.nodeClass, 32, 0);
                    assertEquals(id, full.heap.allocate(full.nodeClass, 32, 0));
                    live.add(id);
                } else if (op < 80) {
                    int owner = live.get(random.nextInt(live.size()));
                    int target = random.nextInt(4) == 0 ? 0 : live.get(random.nextInt(live.size()));
                    int slot = random.nextInt(2);
                    fast.heap.store(owner, slot, target);
                    full.heap.store(owner, slot, target);
                } else if (op < 82) {
                    // A young two-object cycle let go of at once: garbage only a young collection's walks find.
                    int first = fast.heap.allocate(fast.nodeClass, 32, 0);
                    assertEquals(first, full.heap.allocate(full.nodeClass, 32, 0));
                    int second = fast.heap.allocate(fast.nodeClass, 32, 0);
                    assertEquals(second, full.heap.allocate(full.nodeClass, 32, 0));
                    for (Run run : new Run[] {fast, full}) {
                        run.heap.store(first, 0, second);
                        run.heap.store(second, 0, first);
                        run.heap.hostReleased(first);
                        run.heap.hostReleased(second);
                    }
                } else if (op < 97) {
                    // Let go of a young object most often: the JVM's deaths are mostly of young objects.
                    int index = random.nextInt(4) == 0 ? random.nextInt(live.size())
                            : live.size() - 1 - random.nextInt(Math.min(live.size(), 50));
                    int id = live.get(index);
                    if (fast.heap.isHostHeld(id)) {
                        fast.heap.hostReleased(id);
                        full.heap.hostReleased(id);
                    }
                } else {
                    int generation = random.nextInt(3);
                    assertEquals(full.collector.collect(generation), fast.collector.collect(generation));
                }
                fast.collector.safepoint();
                full.collector.safepoint();
                live.removeIf(id -> !fast.heap.isLive(id));
                assertSame(full, fast, version + " seed " + seed + " step " + step);
            }
            skipped += fast.collector.walksSkipped;
            assertEquals(0, full.collector.walksSkipped);
        }
        assertTrue(skipped > 100, "the shortcut was taken: " + skipped);
    }

    private static void assertSame(Run expected, Run actual, String where) {
        assertEquals(expected.heap.liveObjects(), actual.heap.liveObjects(), where);
        assertArrayEquals(expected.collector.getCount(), actual.collector.getCount(), where);
        assertArrayEquals(expected.collector.getStats(), actual.collector.getStats(), where);
        for (int generation = 0; generation < 3; generation++) {
            assertArrayEquals(expected.collector.getObjects(generation), actual.collector.getObjects(generation),
                    where + " generation " + generation);
        }
    }
}
