package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once a run's label-set search has spent its budget, large components are no longer searched (their cycles are
 * left out of the weak-field suggestion, which says it is inexact), while small cycles still are.
 */
class LabelSetBudgetTest {

    private final ShadowHeap heap = new ShadowHeap();

    /** A ring of {@code n} objects whose links cycle through the given fields: not cheap to search when large. */
    private int[] ring(String className, int n, String... fields) {
        int cls = heap.classes().registerInstanceClass(className, fields, true, ShadowClass.Finalizer.NONE).id();
        int[] nodes = new int[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = heap.allocate(cls, 16, 0);
        }
        for (int i = 0; i < n; i++) {
            heap.store(nodes[i], i % fields.length, nodes[(i + 1) % n]);
        }
        for (int node : nodes) {
            heap.hostReleased(node);
        }
        return nodes;
    }

    private WeakFieldSuggestion suggestion(LeakAccumulator accumulator) {
        accumulator.add(heap, ring("big.First", 300_000, "a", "b", "c"));
        accumulator.add(heap, ring("big.Second", 300_000, "d", "e", "f"));
        accumulator.add(heap, ring("small.Pair", 2, "g", "h"));
        return accumulator.snapshot().weakFields();
    }

    private static List<String> classesOf(WeakFieldSuggestion suggestion) {
        List<String> classes = new ArrayList<>();
        for (String label : suggestion.labels()) {
            classes.add(label.substring(0, label.indexOf('.')));
        }
        return classes;
    }

    @Test
    void withinTheBudgetEveryComponentIsSearched() {
        WeakFieldSuggestion all = suggestion(new LeakAccumulator());
        assertTrue(all.exact(), all.toString());
        assertEquals(List.of("First", "Second", "Pair"), classesOf(all).stream().sorted(
                java.util.Comparator.comparing(name -> List.of("First", "Second", "Pair").indexOf(name))).toList());
    }

    @Test
    void aSpentBudgetLeavesLargeComponentsOutButStillSearchesSmallOnes() {
        assertFalse(CyclicLabelSets.cheap(componentOf(ring("big.Probe", 300_000, "x", "y", "z"))),
                "the rings are large enough to need the budget");
        WeakFieldSuggestion partial = suggestion(new LeakAccumulator(1)); // the first search spends it
        assertFalse(partial.exact(), partial.toString());
        List<String> classes = classesOf(partial);
        assertTrue(classes.contains("First"), "searched while budget was left: " + classes);
        assertFalse(classes.contains("Second"), "searched after the budget was spent: " + classes);
        assertTrue(classes.contains("Pair"), "small cycles are always searched: " + classes);
    }

    private ComponentGraph componentOf(int[] nodes) {
        LeakGraph graph = LeakGraph.read(heap, nodes);
        graph.label(heap, new EdgeLabels());
        StronglyConnected scc = StronglyConnected.of(graph);
        return ComponentGraph.of(graph, scc, scc.componentOf[0], new int[graph.nodeCount()]);
    }
}
