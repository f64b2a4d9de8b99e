package dev.shadowheap.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.report.EdgeAudit;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.Tracking;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowedRunsTest {

    private final WindowedRuns runs = new WindowedRuns(CPythonProfile.PY_3_11);
    private final int site = runs.sites().register("demo.Main.main(Main.java:3)");

    private static int nodeClass(ShadowHeap heap) {
        return heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
                ShadowClass.Finalizer.NONE).id();
    }

    /** Two nodes pointing at each other; returns the first. */
    private int pair(ShadowHeap heap, int node) {
        int a = heap.allocate(node, 16, site);
        int b = heap.allocate(node, 16, site);
        heap.store(a, 0, b);
        heap.store(b, 0, a);
        return a;
    }

    @Test
    void sealingCollectsOnceThenRetiresWhatIsLiveWithoutAVerdict() {
        ModelledRun first = runs.open();
        ShadowHeap heap = first.heap();
        assertSame(runs.sites(), heap.sites(), "site ids are handed out once, for every window");
        int node = nodeClass(heap);
        int dropped = pair(heap, node);
        heap.hostReleased(dropped);
        heap.hostReleased(heap.target(dropped, 0)); // a dead cycle the collector has not seen yet
        int kept = pair(heap, node); // still host-held when the window closes

        SealedRun totals = runs.seal(first);
        assertEquals(4, totals.objects());
        assertEquals(2, totals.retiredObjects(), "the live pair is retired");
        assertEquals(1, totals.generations().get(2).collections(), "one full collection at the seal");

        // The host stopped mirroring: the kept pair may be broken for real now, but its stale cycle must not count.
        heap.hostReleased(kept);
        heap.hostReleased(heap.target(kept, 0));
        first.collector().collect();
        first.safepoint();

        RunReport report = runs.report("test", new Tracking(runs.objects(), runs.bytes(), 4, runs.classes(), Map.of()),
                new EdgeAudit(0, 0, 0));
        assertEquals(2, report.leaks().objects(), "only the cycle that died inside the window");
        assertEquals(1, report.generations().get(2).collections(), "the sealed run's later collections are not counted");
        assertThrows(IllegalArgumentException.class, () -> runs.seal(first));
    }

    @Test
    void windowsAreMergedIntoOneReport() {
        for (int w = 0; w < 3; w++) {
            ModelledRun window = runs.open();
            ShadowHeap heap = window.heap();
            int node = nodeClass(heap);
            for (int i = 0; i < 10; i++) {
                int a = pair(heap, node);
                heap.hostReleased(heap.target(a, 0));
                heap.hostReleased(a);
            }
            pair(heap, node);
            runs.seal(window);
        }
        RunReport report = runs.report("test", new Tracking(runs.objects(), runs.bytes(), 0, runs.classes(), Map.of()),
                null);
        assertEquals(3, runs.windows());
        assertEquals(66, runs.objects());
        assertEquals(6, runs.retiredObjects());
        assertEquals(1, runs.classes(), "the same class in every window is one class");
        assertEquals(60, report.leaks().objects());
        assertEquals(30, report.leaks().groups().get(0).cycles());
        assertEquals(3, report.generations().get(2).collections(), "one full collection per window");
        assertEquals(60, report.generations().stream().mapToLong(g -> g.collected()).sum());
        assertTrue(report.pools() != null);
    }
}
