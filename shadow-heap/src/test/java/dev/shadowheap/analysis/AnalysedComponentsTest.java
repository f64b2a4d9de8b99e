package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small component seen before takes its shape and label sets from the first one's analysis: the analysis must be
 * exactly what analysing every component afresh gives, however many components repeat.
 */
class AnalysedComponentsTest {

    private static final int FIELDS = 3;

    /** A labelled graph to leak many times: edges as (from, field, to) over {@code nodes} objects. */
    private record Template(int nodes, int[][] edges) {

        static Template random(Random random) {
            int nodes = 1 + random.nextInt(5);
            int[][] edges = new int[1 + random.nextInt(2 * nodes)][];
            for (int e = 0; e < edges.length; e++) {
                edges[e] = new int[] {random.nextInt(nodes), random.nextInt(FIELDS), random.nextInt(nodes)};
            }
            return new Template(nodes, edges);
        }

        /** Allocates and links one instance, lets the host go of it, and returns the ids it had. */
        int[] leak(ShadowHeap heap, int classId) {
            int[] ids = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                ids[i] = heap.allocate(classId, 16 + 8 * FIELDS, 0);
            }
            for (int[] edge : edges) {
                heap.store(ids[edge[0]], edge[1], ids[edge[2]]);
            }
            for (int id : ids) {
                heap.hostReleased(id);
            }
            return ids;
        }
    }

    @Test
    void repeatedComponentsAreAnalysedExactlyAsIfEachWereAnalysedAfresh() {
        Random random = new Random(7);
        // Few templates, so that they repeat; on one class with three fields, many share a structure and differ only
        // in their labels, which a key too coarse would confuse.
        List<Template> templates = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            templates.add(Template.random(random));
        }
        ShadowHeap heap = new ShadowHeap();
        int node = heap.classes().registerInstanceClass("g.Node", new String[] {"a", "b", "c"}, true,
                ShadowClass.Finalizer.NONE).id();
        LeakAccumulator remembering = new LeakAccumulator();
        LeakAccumulator afresh = new LeakAccumulator(LeakAccumulator.LABEL_SET_BUDGET, 0);
        for (int batch = 0; batch < 60; batch++) {
            List<Integer> leaked = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                for (int id : templates.get(random.nextInt(templates.size())).leak(heap, node)) {
                    leaked.add(id);
                }
            }
            // What reference counting freed at once (nodes no cycle holds) is gone, and its id may be taken again.
            int[] ids = leaked.stream().mapToInt(Integer::intValue).filter(heap::isLive).distinct().toArray();
            remembering.add(heap, ids);
            afresh.add(heap, ids);
        }

        LeakAnalysis expected = afresh.snapshot();
        assertEquals(expected, remembering.snapshot());
        assertTrue(expected.groups().size() > 5, "several shapes: " + expected.groups().size());
        assertTrue(remembering.componentsReused() > 500, "components reused: " + remembering.componentsReused());
        assertEquals(0, afresh.componentsReused());
    }
}
