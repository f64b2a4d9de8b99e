package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random small graphs on a real {@link ShadowHeap}, released so that reference counting keeps
 * exactly the leaked part, checked against straightforward oracles written independently of the
 * analysis: Floyd–Warshall reachability for components, enumeration of every simple cycle for
 * shapes, and every label subset for the weak-field set.
 */
class LeakOracleTest {

    /** One leaked batch as the oracle sees it: nodes, labelled edges read back from the heap. */
    private static final class Batch {
        final int[] ids;
        final int[] sizes;
        final List<int[]> edges = new ArrayList<>(); // {from, to, label}
        final List<String> labelNames = new ArrayList<>();
        final Map<String, Integer> labelIds = new HashMap<>();
        boolean[][] reach;

        Batch(ShadowHeap heap, int[] ids) {
            this.ids = ids;
            sizes = new int[ids.length];
            Map<Integer, Integer> index = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                index.put(ids[i], i);
                sizes[i] = heap.shallowSize(ids[i]);
            }
            for (int i = 0; i < ids.length; i++) {
                ShadowClass cls = heap.shadowClass(ids[i]);
                for (int slot = 0; slot < heap.slotCount(ids[i]); slot++) {
                    Integer to = index.get(heap.target(ids[i], slot));
                    if (to != null) {
                        String label = cls.edgeLabel(slot);
                        int l = labelIds.computeIfAbsent(label, k -> {
                            labelNames.add(k);
                            return labelNames.size() - 1;
                        });
                        edges.add(new int[] {i, to, l});
                    }
                }
            }
            int n = ids.length;
            reach = new boolean[n][n]; // reach[a][b]: a path of at least one edge from a to b
            for (int[] e : edges) {
                reach[e[0]][e[1]] = true;
            }
            for (int k = 0; k < n; k++) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        reach[a][b] |= reach[a][k] && reach[k][b];
                    }
                }
            }
        }

        boolean onCycle(int v) {
            return reach[v][v];
        }

        boolean sameComponent(int a, int b) {
            return a == b || (reach[a][b] && reach[b][a]);
        }

        boolean internal(int[] e) {
            return onCycle(e[0]) && sameComponent(e[0], e[1]);
        }

        /** Cycle components, each as the list of its nodes, in order of their smallest node. */
        List<List<Integer>> cycleComponents() {
            List<List<Integer>> components = new ArrayList<>();
            boolean[] done = new boolean[ids.length];
            for (int v = 0; v < ids.length; v++) {
                if (onCycle(v) && !done[v]) {
                    List<Integer> members = new ArrayList<>();
                    for (int w = 0; w < ids.length; w++) {
                        if (sameComponent(v, w)) {
                            members.add(w);
                            done[w] = true;
                        }
                    }
                    components.add(members);
                }
            }
            return components;
        }

        /** Recursive DFS for a cycle among edges whose label is not removed. */
        boolean cyclicWithout(boolean[] removed) {
            int[] state = new int[ids.length];
            for (int v = 0; v < ids.length; v++) {
                if (state[v] == 0 && dfsFindsCycle(v, state, removed)) {
                    return true;
                }
            }
            return false;
        }

        private boolean dfsFindsCycle(int v, int[] state, boolean[] removed) {
            state[v] = 1;
            for (int[] e : edges) {
                if (e[0] == v && !removed[e[2]]) {
                    if (state[e[1]] == 1 || (state[e[1]] == 0 && dfsFindsCycle(e[1], state, removed))) {
                        return true;
                    }
                }
            }
            state[v] = 2;
            return false;
        }

        /** Shape of a cycle component: every simple cycle, shortest, smallest rotation, runs compressed. */
        String shape(List<Integer> members) {
            List<List<String>> cycles = new ArrayList<>();
            int start = members.get(0);
            for (int s : members) {
                collectCycles(s, s, new ArrayList<>(), new boolean[ids.length], cycles);
            }
            int shortest = cycles.stream().mapToInt(List::size).min().orElseThrow();
            List<String> best = null;
            for (List<String> cycle : cycles) {
                if (cycle.size() != shortest) {
                    continue;
                }
                for (int r = 0; r < shortest; r++) {
                    List<String> rotated = new ArrayList<>(cycle.subList(r, shortest));
                    rotated.addAll(cycle.subList(0, r));
                    if (best == null || compareLists(rotated, best) < 0) {
                        best = rotated;
                    }
                }
            }
            assertTrue(start >= 0);
            return compress(best);
        }

        private void collectCycles(int origin, int v, List<String> path, boolean[] onPath, List<List<String>> out) {
            onPath[v] = true;
            for (int[] e : edges) {
                if (e[0] != v) {
                    continue;
                }
                path.add(labelNames.get(e[2]));
                if (e[1] == origin) {
                    out.add(new ArrayList<>(path));
                } else if (!onPath[e[1]]) {
                    collectCycles(origin, e[1], path, onPath, out);
                }
                path.remove(path.size() - 1);
            }
            onPath[v] = false;
        }
    }

    static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static String compress(List<String> labels) {
        int g = labels.size();
        if (labels.stream().distinct().count() == 1) {
            return g == 1 ? labels.get(0) : labels.get(0) + "+";
        }
        int first = 0;
        while (labels.get(first).equals(labels.get((first + g - 1) % g))) {
            first++;
        }
        List<String> parts = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < g; i++) {
            String label = labels.get((first + i) % g);
            if (label.equals(previous)) {
                parts.set(parts.size() - 1, label + "+");
            } else {
                parts.add(label);
            }
            previous = label;
        }
        return String.join(" -> ", parts);
    }

    /** Builds one random graph on the heap, releases everything, returns what RC keeps. */
    private static int[] randomLeak(ShadowHeap heap, Random random, int[] classIds, int nodes, int edges) {
        List<Integer> made = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int c = classIds[random.nextInt(classIds.length)];
            ShadowClass cls = heap.classes().get(c);
            made.add(cls.isArray() ? heap.allocateArray(c, 16 + random.nextInt(16), 0, 1 + random.nextInt(3))
                    : heap.allocate(c, 8 + random.nextInt(40), random.nextInt(3)));
        }
        for (int e = 0; e < edges; e++) {
            int owner = made.get(random.nextInt(nodes));
            int slots = heap.slotCount(owner);
            if (slots > 0) {
                heap.store(owner, random.nextInt(slots), made.get(random.nextInt(nodes)));
            }
        }
        for (int id : made) {
            heap.hostReleased(id);
        }
        List<Integer> leaked = new ArrayList<>();
        heap.forEachUnheld(leaked::add);
        return leaked.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] registerClasses(ShadowHeap heap) {
        heap.sites().register("s.A(A.java:1)");
        heap.sites().register("s.B(B.java:2)");
        return new int[] {
            heap.classes().registerInstanceClass("p.A", new String[] {"x", "y"}, true, ShadowClass.Finalizer.NONE).id(),
            heap.classes().registerInstanceClass("q.B", new String[] {"next"}, true, ShadowClass.Finalizer.NONE).id(),
            heap.classes().registerInstanceClass("r.C$D", new String[] {"a", "b", "c"}, true,
                    ShadowClass.Finalizer.NONE).id(),
            heap.classes().registerArrayClass("java.lang.Object[]", true).id(),
        };
    }

    /** Freed batches leave the heap as the analysis found it; clears what the batch still holds. */
    private static void freeBatch(ShadowHeap heap, int[] ids) {
        for (int id : ids) {
            if (heap.isLive(id)) {
                heap.clearSlots(id);
            }
        }
    }

    @Test
    void componentsShapesHangersOnAndTotalsMatchOracle() {
        Random random = new Random(20240611);
        for (int round = 0; round < 300; round++) {
            ShadowHeap heap = new ShadowHeap();
            int[] classIds = registerClasses(heap);
            int n = 2 + random.nextInt(8);
            int[] leaked = randomLeak(heap, random, classIds, n, random.nextInt(3 * n));
            Batch oracle = new Batch(heap, leaked);
            LeakAnalysis analysis = LeakAnalyzer.analyze(heap, leaked);

            Map<String, long[]> expected = new TreeMap<>(); // shape -> cycles, objects, bytes
            long cycleObjects = 0;
            for (List<Integer> component : oracle.cycleComponents()) {
                long[] tally = expected.computeIfAbsent(oracle.shape(component), k -> new long[3]);
                tally[0]++;
                tally[1] += component.size();
                for (int v : component) {
                    tally[2] += oracle.sizes[v];
                }
                cycleObjects += component.size();
            }
            Map<String, long[]> actual = new TreeMap<>();
            for (CycleGroup group : analysis.groups()) {
                actual.put(group.shape(), new long[] {group.cycles(), group.objects(), group.bytes()});
            }
            assertEquals(describe(expected), describe(actual), "round " + round);
            assertEquals(leaked.length, analysis.leakedObjects());
            assertEquals(cycleObjects, analysis.cycleObjects());
            // Every leaked object outside a cycle is kept by one (RC freed the rest), and is attributed.
            assertEquals(leaked.length - cycleObjects, analysis.hangerOnObjects(), "round " + round);
            assertEquals(0, analysis.unattributedObjects());
            long hangerOnBytes = analysis.groups().stream().mapToLong(CycleGroup::hangerOnBytes).sum();
            long cycleBytes = analysis.groups().stream().mapToLong(CycleGroup::bytes).sum();
            assertEquals(analysis.leakedBytes(), hangerOnBytes + cycleBytes);
            assertGroupsSortedByBytes(analysis);
        }
    }

    private static String describe(Map<String, long[]> groups) {
        StringBuilder text = new StringBuilder();
        groups.forEach((shape, t) -> text.append(shape).append(' ').append(t[0]).append('/').append(t[1])
                .append('/').append(t[2]).append('\n'));
        return text.toString();
    }

    private static void assertGroupsSortedByBytes(LeakAnalysis analysis) {
        for (int i = 1; i < analysis.groups().size(); i++) {
            assertTrue(analysis.groups().get(i - 1).bytes() >= analysis.groups().get(i).bytes());
        }
    }

    /** Brute force over all label subsets, across batches: each batch must become acyclic. */
    private static WeakFieldSuggestion bruteForceWeakFields(List<Batch> batches) {
        List<String> labels = new ArrayList<>();
        Map<String, Long> internalEdges = new HashMap<>();
        for (Batch b : batches) {
            for (int[] e : b.edges) {
                if (b.internal(e)) {
                    String name = b.labelNames.get(e[2]);
                    internalEdges.merge(name, 1L, Long::sum);
                    if (!labels.contains(name)) {
                        labels.add(name);
                    }
                }
            }
        }
        labels.sort(Comparator.naturalOrder());
        List<String> best = null;
        long bestEdges = 0;
        for (int mask = 0; mask < (1 << labels.size()); mask++) {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(labels.get(i));
                }
            }
            boolean breaksAll = true;
            for (Batch b : batches) {
                boolean[] removed = new boolean[b.labelNames.size()];
                for (int l = 0; l < removed.length; l++) {
                    removed[l] = chosen.contains(b.labelNames.get(l));
                }
                breaksAll &= !b.cyclicWithout(removed);
            }
            if (!breaksAll) {
                continue;
            }
            long edges = chosen.stream().mapToLong(l -> internalEdges.getOrDefault(l, 0L)).sum();
            if (best == null || better(chosen, edges, best, bestEdges)) {
                best = chosen;
                bestEdges = edges;
            }
        }
        return new WeakFieldSuggestion(best, bestEdges, true);
    }

    private static boolean better(List<String> a, long edgesA, List<String> b, long edgesB) {
        if (a.size() != b.size()) {
            return a.size() < b.size();
        }
        long arraysA = a.stream().filter(l -> l.endsWith("[*]")).count();
        long arraysB = b.stream().filter(l -> l.endsWith("[*]")).count();
        if (arraysA != arraysB) {
            return arraysA < arraysB;
        }
        if (edgesA != edgesB) {
            return edgesA < edgesB;
        }
        return compareLists(a, b) < 0;
    }

    @Test
    void weakFieldSetIsExactAgainstBruteForceSingleBatch() {
        Random random = new Random(7);
        int multiLabel = 0;
        int withArray = 0;
        for (int round = 0; round < 300; round++) {
            ShadowHeap heap = new ShadowHeap();
            int[] classIds = registerClasses(heap);
            int n = 2 + random.nextInt(8);
            int[] leaked = randomLeak(heap, random, classIds, n, random.nextInt(3 * n));
            Batch oracle = new Batch(heap, leaked);
            WeakFieldSuggestion expected = bruteForceWeakFields(List.of(oracle));
            assertEquals(expected, LeakAnalyzer.analyze(heap, leaked).weakFields(), "round " + round);
            multiLabel += expected.labels().size() >= 2 ? 1 : 0;
            withArray += expected.labels().stream().anyMatch(l -> l.endsWith("[*]")) ? 1 : 0;
        }
        // The random graphs must exercise the interesting cases, or the comparison proves little.
        assertTrue(multiLabel >= 20, "rounds needing two or more labels: " + multiLabel);
        assertTrue(withArray >= 5, "rounds needing an array label: " + withArray);
    }

    @Test
    void accumulatedBatchesMatchBruteForceOverAllBatches() {
        Random random = new Random(99);
        for (int round = 0; round < 100; round++) {
            ShadowHeap heap = new ShadowHeap();
            int[] classIds = registerClasses(heap);
            LeakAccumulator accumulator = new LeakAccumulator();
            List<Batch> batches = new ArrayList<>();
            Map<String, Long> objectsByShape = new TreeMap<>();
            int batchCount = 1 + random.nextInt(4);
            for (int b = 0; b < batchCount; b++) {
                int n = 2 + random.nextInt(7);
                int[] leaked = randomLeak(heap, random, classIds, n, random.nextInt(3 * n));
                Batch oracle = new Batch(heap, leaked);
                batches.add(oracle);
                for (List<Integer> component : oracle.cycleComponents()) {
                    objectsByShape.merge(oracle.shape(component), (long) component.size(), Long::sum);
                }
                accumulator.add(heap, leaked);
                freeBatch(heap, leaked); // the objects are gone before the snapshot
            }
            LeakAnalysis analysis = accumulator.snapshot();
            assertEquals(batchCount, analysis.batches());
            Map<String, Long> actual = new TreeMap<>();
            analysis.groups().forEach(g -> actual.put(g.shape(), g.objects()));
            assertEquals(objectsByShape, actual, "round " + round);
            assertEquals(bruteForceWeakFields(batches), analysis.weakFields(), "round " + round);
        }
    }
}
