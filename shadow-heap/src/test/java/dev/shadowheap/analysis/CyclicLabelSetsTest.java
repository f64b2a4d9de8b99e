package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The on-demand search for minimal cyclic label sets, used for components with many labels, checked against
 * this test's own cycle search: every set it returns must close a cycle and stop closing one when any label is
 * dropped, and making a hitting set of its sets weak must leave the component acyclic.
 */
class CyclicLabelSetsTest {

    /** One leaked batch of a single class with {@code fields} reference fields, wired at random. */
    private record Leak(ShadowHeap heap, EdgeLabels labels, LeakGraph graph, StronglyConnected scc) {

        static Leak random(Random random, int fields, int nodes, int edges) {
            ShadowHeap heap = new ShadowHeap();
            int node = heap.classes().registerInstanceClass("g.Node", fieldNames(fields), true,
                    ShadowClass.Finalizer.NONE).id();
            int[] made = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                made[i] = heap.allocate(node, 24, 0);
            }
            for (int e = 0; e < edges; e++) {
                heap.store(made[random.nextInt(nodes)], random.nextInt(fields), made[random.nextInt(nodes)]);
            }
            return released(heap, made);
        }

        /**
         * {@code count} random leaks, made one at a time as they are iterated: each of {@code minFields} to
         * {@code minFields + fieldRange - 1} fields, 2 to {@code nodeRange + 1} nodes and up to three edges a node.
         */
        static Iterable<Leak> randoms(long seed, int count, int minFields, int fieldRange, int nodeRange) {
            Random random = new Random(seed);
            return () -> new Iterator<>() {
                private int made;

                @Override
                public boolean hasNext() {
                    return made < count;
                }

                @Override
                public Leak next() {
                    made++;
                    int nodes = 2 + random.nextInt(nodeRange);
                    return Leak.random(random, minFields + random.nextInt(fieldRange), nodes, random.nextInt(3 * nodes));
                }
            };
        }

        /** A tree of {@code nodes} nodes whose children hang off fields {@code c0..c(fields-2)}, each with a parent pointer. */
        static Leak tree(int fields, int nodes) {
            ShadowHeap heap = new ShadowHeap();
            String[] names = fieldNames(fields);
            names[fields - 1] = "parent";
            int node = heap.classes().registerInstanceClass("g.Tree", names, true, ShadowClass.Finalizer.NONE).id();
            int[] made = new int[nodes];
            made[0] = heap.allocate(node, 24, 0);
            for (int i = 1; i < nodes; i++) {
                made[i] = heap.allocate(node, 24, 0);
                int parent = made[(i - 1) / (fields - 1)];
                heap.store(parent, (i - 1) % (fields - 1), made[i]);
                heap.store(made[i], fields - 1, parent);
            }
            return released(heap, made);
        }

        private static Leak released(ShadowHeap heap, int[] made) {
            for (int id : made) {
                heap.hostReleased(id);
            }
            List<Integer> leaked = new ArrayList<>();
            heap.forEachUnheld(leaked::add);
            EdgeLabels labels = new EdgeLabels();
            LeakGraph graph = LeakGraph.read(heap, leaked.stream().mapToInt(Integer::intValue).toArray());
            graph.label(heap, labels);
            return new Leak(heap, labels, graph, StronglyConnected.of(graph));
        }

        private static String[] fieldNames(int fields) {
            String[] names = new String[fields];
            for (int i = 0; i < fields; i++) {
                names[i] = "f" + i;
            }
            return names;
        }

        List<ComponentGraph> cyclicComponents() {
            List<ComponentGraph> components = new ArrayList<>();
            int[] localIndex = new int[graph.nodeCount()];
            for (int c = 0; c < scc.componentCount(); c++) {
                if (scc.cyclic[c]) {
                    components.add(ComponentGraph.of(graph, scc, c, localIndex));
                }
            }
            return components;
        }
    }

    /** This test's own answer: does a cycle use only edges whose label is in {@code kept}? Colouring DFS. */
    private static boolean cyclicUsing(ComponentGraph cg, BitSet kept) {
        int[] colour = new int[cg.size()]; // 0 new, 1 on the stack, 2 done
        for (int root = 0; root < cg.size(); root++) {
            if (colour[root] == 0 && reachesStackedNode(cg, kept, root, colour)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reachesStackedNode(ComponentGraph cg, BitSet kept, int root, int[] colour) {
        // Iterative: the tree component below is deep.
        int[] stack = new int[cg.size()];
        int[] nextEdge = new int[cg.size()];
        int depth = 0;
        stack[0] = root;
        nextEdge[0] = cg.outStart[root];
        colour[root] = 1;
        while (depth >= 0) {
            int v = stack[depth];
            if (nextEdge[depth] == cg.outStart[v + 1]) {
                colour[v] = 2;
                depth--;
                continue;
            }
            int e = nextEdge[depth]++;
            if (!kept.get(cg.outLabel[e])) {
                continue;
            }
            int w = cg.outTarget[e];
            if (colour[w] == 1) {
                return true;
            }
            if (colour[w] == 0) {
                colour[w] = 1;
                depth++;
                stack[depth] = w;
                nextEdge[depth] = cg.outStart[w];
            }
        }
        return false;
    }

    private static BitSet allLabels(ComponentGraph cg) {
        BitSet all = new BitSet();
        for (int label : cg.outLabel) {
            all.set(label);
        }
        return all;
    }

    private static void assertMinimalCyclic(ComponentGraph cg, BitSet set, String where) {
        assertTrue(cyclicUsing(cg, set), where + ": " + set + " closes no cycle");
        for (int label = set.nextSetBit(0); label >= 0; label = set.nextSetBit(label + 1)) {
            BitSet smaller = (BitSet) set.clone();
            smaller.clear(label);
            assertFalse(cyclicUsing(cg, smaller), where + ": " + set + " is not minimal, " + smaller + " is cyclic");
        }
    }

    /**
     * The search's stopping rule, restated: it stops once weakening a greedy hitting set of its sets (the label
     * in most unmet sets first, the lowest on ties) leaves nothing cyclic. A search that stopped early fails it.
     */
    private static BitSet greedyHittingSet(List<BitSet> sets) {
        BitSet chosen = new BitSet();
        List<BitSet> open = new ArrayList<>(sets);
        while (!open.isEmpty()) {
            int best = -1;
            long bestHits = 0;
            for (int label = 0; label < 64 * 16; label++) {
                final int candidate = label;
                long hits = open.stream().filter(set -> set.get(candidate)).count();
                if (hits > bestHits) {
                    best = label;
                    bestHits = hits;
                }
            }
            chosen.set(best);
            final int taken = best;
            open.removeIf(set -> set.get(taken));
        }
        return chosen;
    }

    @Test
    void onDemandSetsAreMinimalCyclicAndBreakEveryCycleWhenWeak() {
        int components = 0;
        int multiSet = 0;
        int round = -1;
        for (Leak leak : Leak.randoms(20261124, 400, 3, 18, 30)) {
            round++;
            for (ComponentGraph cg : leak.cyclicComponents()) {
                components++;
                CyclicLabelSets found = CyclicLabelSets.onDemand(cg, new boolean[leak.labels.size()]);
                assertFalse(found.sets.isEmpty(), "round " + round + ": a cyclic component with no cyclic set");
                for (BitSet set : found.sets) {
                    assertMinimalCyclic(cg, set, "round " + round);
                }
                if (found.sets.size() < CyclicLabelSets.MAX_ROUNDS) {
                    BitSet kept = allLabels(cg);
                    kept.andNot(greedyHittingSet(found.sets));
                    assertFalse(cyclicUsing(cg, kept), "round " + round + ": weakening a hitting set of "
                            + found.sets + " leaves a cycle");
                }
                multiSet += found.sets.size() >= 2 ? 1 : 0;
            }
        }
        assertTrue(components >= 300, "cyclic components checked: " + components);
        assertTrue(multiSet >= 50, "components needing several sets: " + multiSet);
    }

    @Test
    void enumerationFindsExactlyTheMinimalCyclicSetsThisTestsOwnSearchFinds() {
        int components = 0;
        int setsCompared = 0;
        long passes = 0;
        long subsets = 0;
        int round = -1;
        for (Leak leak : Leak.randoms(23, 400, 2, 9, 14)) {
            round++;
            boolean[] shared = new boolean[leak.labels.size()];
            for (ComponentGraph cg : leak.cyclicComponents()) {
                CyclicLabelSets found = CyclicLabelSets.of(cg, shared);
                assertTrue(found.complete, "few labels: enumerated");
                Set<BitSet> expected = minimalCyclicSetsByBruteForce(cg);
                assertEquals(expected, new HashSet<>(found.sets), "round " + round);
                assertEquals(expected.size(), found.sets.size(), "round " + round + ": no set twice");
                components++;
                setsCompared += expected.size();
                passes += found.tests;
                subsets += (1L << cg.distinctLabels().length) - 1;
            }
        }
        assertTrue(components >= 300 && setsCompared >= 400, components + " components, " + setsCompared + " sets");
        // Without the label graph, a pass is spent on every subset that is not a superset of a set found already.
        assertTrue(passes * 4 < subsets, passes + " passes over components for " + subsets + " label subsets");
    }

    @Test
    void aSetOfLabelsThatClosesACycleOfObjectsClosesOneInTheLabelGraph() {
        int cyclicSubsets = 0;
        int round = -1;
        for (Leak leak : Leak.randoms(29, 200, 2, 6, 10)) {
            round++;
            for (ComponentGraph cg : leak.cyclicComponents()) {
                int[] local = cg.distinctLabels();
                LabelGraph labelGraph = LabelGraph.of(cg, local);
                for (int mask = 1; mask < (1 << local.length); mask++) {
                    if (cyclicUsing(cg, toGlobal(local, mask))) {
                        assertTrue(labelGraph.hasCycleWithin(mask), "round " + round + ", labels " + mask);
                        cyclicSubsets++;
                    }
                }
            }
        }
        assertTrue(cyclicSubsets >= 500, "cyclic subsets checked: " + cyclicSubsets);
    }

    /** Every subset of the component's labels that closes a cycle (by this test's DFS) and none of whose parts does. */
    private static Set<BitSet> minimalCyclicSetsByBruteForce(ComponentGraph cg) {
        int[] local = cg.distinctLabels();
        boolean[] cyclic = new boolean[1 << local.length];
        Set<BitSet> minimal = new HashSet<>();
        for (int mask = 1; mask < cyclic.length; mask++) {
            cyclic[mask] = cyclicUsing(cg, toGlobal(local, mask));
        }
        for (int mask = 1; mask < cyclic.length; mask++) {
            boolean smallest = cyclic[mask];
            for (int bit = mask; bit != 0 && smallest; bit &= bit - 1) {
                smallest = !cyclic[mask & ~Integer.lowestOneBit(bit)];
            }
            if (smallest) {
                minimal.add(toGlobal(local, mask));
            }
        }
        return minimal;
    }

    private static BitSet toGlobal(int[] local, int mask) {
        BitSet global = new BitSet();
        for (int i = 0; i < local.length; i++) {
            if ((mask & (1 << i)) != 0) {
                global.set(local[i]);
            }
        }
        return global;
    }

    @Test
    void onDemandSetsAreAmongTheEnumeratedOnes() {
        int compared = 0;
        int round = -1;
        for (Leak leak : Leak.randoms(11, 300, 2, 7, 12)) {
            round++;
            boolean[] shared = new boolean[leak.labels.size()]; // one mask for every component, as the accumulator does
            for (ComponentGraph cg : leak.cyclicComponents()) {
                CyclicLabelSets exact = CyclicLabelSets.of(cg, shared);
                assertTrue(exact.complete, "few labels: enumerated");
                Set<BitSet> all = new HashSet<>(exact.sets);
                for (BitSet set : CyclicLabelSets.onDemand(cg, shared).sets) {
                    assertTrue(all.contains(set), "round " + round + ": " + set + " not among " + exact.sets);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 200, "sets compared: " + compared);
    }

    @Test
    void aLargeTreeWithParentPointersTakesAFewPassesNotOnePerLabel() {
        int fields = 40;
        Leak leak = Leak.tree(fields, 60_000);
        List<ComponentGraph> components = leak.cyclicComponents();
        assertEquals(1, components.size(), "the whole tree is one component");
        ComponentGraph tree = components.get(0);
        assertEquals(60_000, tree.size());

        CyclicLabelSets found = CyclicLabelSets.of(tree, new boolean[leak.labels.size()]);

        assertFalse(found.complete, "40 labels: found on demand");
        for (BitSet set : found.sets) {
            assertMinimalCyclic(tree, set, "tree");
            assertEquals(2, set.cardinality(), "a child field and the parent pointer: " + set);
        }
        BitSet kept = allLabels(tree);
        kept.andNot(greedyHittingSet(found.sets));
        assertFalse(cyclicUsing(tree, kept), "weakening a hitting set of " + found.sets + " leaves a cycle");
        // Shrinking all 40 labels one by one would take 40 passes a round; a cycle here has two labels.
        assertTrue(found.tests <= 3 * found.sets.size() + 1, found.tests + " passes for " + found.sets.size() + " sets");
    }
}
