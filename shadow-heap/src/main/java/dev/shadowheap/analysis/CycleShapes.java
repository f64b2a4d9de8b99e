package dev.shadowheap.analysis;

import dev.shadowheap.heap.ClassTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical name of a leaked strongly connected component: its edge labels around a shortest
 * cycle, joined by {@value #ARROW}.
 *
 * <ol>
 *   <li>Take the shortest cycles of the component (fewest edges).</li>
 *   <li>Among all of them, starting at any of their nodes, take the label sequence that is smallest
 *       when compared label by label ({@link String#compareTo}, a shorter prefix first).</li>
 *   <li>Write each run of equal labels, read circularly, of two or more as {@code label+}, so that
 *       rings of any length share {@code Ring$Node.next+}; a self-loop stays {@code Throwable.cause}.</li>
 * </ol>
 *
 * <p>How: for a start node {@code s}, one breadth-first search over reversed edges gives every
 * node's distance to {@code s}; the shortest cycle through {@code s} closes over the out-edge
 * {@code s -> v} minimising {@code 1 + dist(v)}. With {@code g} the shortest length, a walk from
 * {@code s} can still close in exactly {@code g} steps after {@code i} of them iff it stands on a node
 * at distance {@code g - i} (a longer way round would contain a cycle shorter than {@code g}), so
 * the smallest sequence from {@code s} is built greedily, keeping every node reached by the
 * smallest label so far. Searches are cut at the best length found so far.
 *
 * <p>Components of up to {@value #EXACT_LIMIT} nodes try every start, which is exact. Larger ones
 * try a deterministic sample of starts, {@value #SAMPLE} at most, fewer when the component is so big
 * that they would cost more than {@value #SAMPLE_WORK} node and edge visits (4 at least): classes in display-name order taken in
 * turn, and within a class the objects allocated first (lowest serial). A short cycle among
 * unsampled nodes of a huge component can then be missed; a million-node list or ring is found
 * right, since every node lies on a shortest cycle.
 */
final class CycleShapes {

    static final String ARROW = " -> ";
    static final int EXACT_LIMIT = 4096;
    static final int SAMPLE = 32;
    /** Edge and node visits the sampled starts of one huge component may cost, at least 4 starts. */
    static final long SAMPLE_WORK = 8_000_000L;

    private CycleShapes() {
    }

    static String shapeOf(ComponentGraph cg, LeakGraph graph, EdgeLabels labels, ClassTable classes) {
        int[] labelOfRank = labelsByName(cg, labels);
        int[] starts = cg.size() <= EXACT_LIMIT ? allNodes(cg.size()) : sampleStarts(cg, graph, classes);
        ShortestCycleSearch search = new ShortestCycleSearch(cg, edgeRanks(cg, labelOfRank));
        for (int s : starts) {
            search.tryStart(s);
        }
        return render(search.bestSequence(), labels, labelOfRank);
    }

    /**
     * The component's labels in name order. Only its own: a leak batch holds many small components, and work over
     * every label of the program per component made naming them quadratic.
     */
    private static int[] labelsByName(ComponentGraph cg, EdgeLabels labels) {
        int[] distinct = cg.distinctLabels();
        Integer[] byName = new Integer[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            byName[i] = distinct[i];
        }
        Arrays.sort(byName, (a, b) -> labels.name(a).compareTo(labels.name(b)));
        int[] labelOfRank = new int[byName.length];
        for (int r = 0; r < byName.length; r++) {
            labelOfRank[r] = byName[r];
        }
        return labelOfRank;
    }

    /** For each edge of the component (in {@code outLabel} order), the rank of its label in name order. */
    private static int[] edgeRanks(ComponentGraph cg, int[] labelOfRank) {
        int[] distinct = cg.distinctLabels();
        int[] rankOfDistinct = new int[distinct.length];
        for (int r = 0; r < labelOfRank.length; r++) {
            rankOfDistinct[Arrays.binarySearch(distinct, labelOfRank[r])] = r;
        }
        int[] ranks = new int[cg.outLabel.length];
        for (int e = 0; e < ranks.length; e++) {
            ranks[e] = rankOfDistinct[Arrays.binarySearch(distinct, cg.outLabel[e])];
        }
        return ranks;
    }

    private static int[] allNodes(int k) {
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] sampleStarts(ComponentGraph cg, LeakGraph graph, ClassTable classes) {
        int k = cg.size();
        IdIndex seen = new IdIndex(16);
        List<Integer> distinctClasses = new ArrayList<>();
        for (int v : cg.nodes) {
            int classId = graph.classIds[v];
            if (seen.get(classId) < 0) {
                seen.put(classId, 0);
                distinctClasses.add(classId);
            }
        }
        Integer[] classOrder = distinctClasses.toArray(Integer[]::new);
        Arrays.sort(classOrder, (a, b) -> {
            int byName = classes.get(a).displayName().compareTo(classes.get(b).displayName());
            return byName != 0 ? byName : Integer.compare(a, b);
        });
        IdIndex classRank = new IdIndex(classOrder.length);
        for (int r = 0; r < classOrder.length; r++) {
            classRank.put(classOrder[r], r);
        }
        // Bucket by class rank, then sort each bucket by (serial, local index) packed into longs.
        int[] classFirst = new int[classOrder.length + 1];
        for (int v : cg.nodes) {
            classFirst[classRank.get(graph.classIds[v]) + 1]++;
        }
        for (int r = 0; r < classOrder.length; r++) {
            classFirst[r + 1] += classFirst[r];
        }
        int[] fill = Arrays.copyOf(classFirst, classOrder.length);
        long[] keys = new long[k];
        for (int i = 0; i < k; i++) {
            int v = cg.nodes[i];
            keys[fill[classRank.get(graph.classIds[v])]++] = ((long) graph.serials[v] << 32) | i;
        }
        for (int r = 0; r < classOrder.length; r++) {
            Arrays.sort(keys, classFirst[r], classFirst[r + 1]);
        }
        long perStart = (long) k + cg.edgeCount();
        int[] starts = new int[(int) Math.min(k, Math.max(4, Math.min(SAMPLE, SAMPLE_WORK / perStart)))];
        int picked = 0;
        for (int round = 0; picked < starts.length; round++) {
            for (int r = 0; r < classOrder.length && picked < starts.length; r++) {
                int at = classFirst[r] + round;
                if (at < classFirst[r + 1]) {
                    starts[picked++] = (int) keys[at];
                }
            }
        }
        return starts;
    }

    private static String render(int[] sequence, EdgeLabels labels, int[] labelOfRank) {
        int g = sequence.length;
        int first = 0;
        while (first < g && sequence[first] == sequence[(first + g - 1) % g]) {
            first++;
        }
        if (first == g) { // one label all the way round
            String only = labels.name(labelOfRank[sequence[0]]);
            return g == 1 ? only : only + "+";
        }
        StringBuilder shape = new StringBuilder();
        int i = 0;
        while (i < g) {
            int label = sequence[(first + i) % g];
            int run = 1;
            while (i + run < g && sequence[(first + i + run) % g] == label) {
                run++;
            }
            if (shape.length() > 0) {
                shape.append(ARROW);
            }
            shape.append(labels.name(labelOfRank[label]));
            if (run > 1) {
                shape.append('+');
            }
            i += run;
        }
        return shape.toString();
    }

    /** Holds the best (shortest, then smallest) label sequence over the starts tried so far. */
    private static final class ShortestCycleSearch {
        private final ComponentGraph cg;
        /** Per edge, the rank of its label in name order. */
        private final int[] edgeRank;
        private final int[] dist;
        private final int[] distStamp;
        private final int[] queue;
        private final int[] frontierStamp;
        private int[] frontier;
        private int[] next;
        private int stamp;
        private int frontierRound;
        private int bestLength = Integer.MAX_VALUE;
        private int[] best;

        ShortestCycleSearch(ComponentGraph cg, int[] edgeRank) {
            this.cg = cg;
            this.edgeRank = edgeRank;
            int k = cg.size();
            dist = new int[k];
            distStamp = new int[k];
            queue = new int[k];
            frontierStamp = new int[k];
            frontier = new int[k];
            next = new int[k];
        }

        int[] bestSequence() {
            return best;
        }

        void tryStart(int s) {
            int depthLimit = bestLength == Integer.MAX_VALUE ? Integer.MAX_VALUE : bestLength - 1;
            distancesTo(s, depthLimit);
            int length = Integer.MAX_VALUE;
            for (int e = cg.outStart[s]; e < cg.outStart[s + 1]; e++) {
                int v = cg.outTarget[e];
                if (distStamp[v] == stamp && dist[v] + 1 < length) {
                    length = dist[v] + 1;
                }
            }
            if (length > bestLength) {
                return;
            }
            int[] sequence = smallestSequence(s, length, length == bestLength ? best : null);
            if (sequence != null) {
                bestLength = length;
                best = sequence;
            }
        }

        /** Breadth-first over reversed edges: dist[v] = edges from v to s, for dist <= depthLimit. */
        private void distancesTo(int s, int depthLimit) {
            stamp++;
            int head = 0;
            int tail = 0;
            dist[s] = 0;
            distStamp[s] = stamp;
            queue[tail++] = s;
            while (head < tail) {
                int v = queue[head++];
                if (dist[v] >= depthLimit) {
                    continue;
                }
                for (int e = cg.inStart[v]; e < cg.inStart[v + 1]; e++) {
                    int u = cg.inSource[e];
                    if (distStamp[u] != stamp) {
                        distStamp[u] = stamp;
                        dist[u] = dist[v] + 1;
                        queue[tail++] = u;
                    }
                }
            }
        }

        /**
         * The smallest label-rank sequence of a closed walk of {@code length} edges from {@code s},
         * or null when it is not smaller than {@code incumbent} (a sequence of the same length).
         */
        private int[] smallestSequence(int s, int length, int[] incumbent) {
            int[] sequence = new int[length];
            boolean smaller = incumbent == null;
            int frontierSize = 1;
            frontier[0] = s;
            for (int step = 1; step <= length; step++) {
                int remaining = length - step;
                int min = Integer.MAX_VALUE;
                for (int f = 0; f < frontierSize; f++) {
                    int u = frontier[f];
                    for (int e = cg.outStart[u]; e < cg.outStart[u + 1]; e++) {
                        int v = cg.outTarget[e];
                        if (distStamp[v] == stamp && dist[v] == remaining) {
                            min = Math.min(min, edgeRank[e]);
                        }
                    }
                }
                if (!smaller) {
                    int held = incumbent[step - 1];
                    if (min > held) {
                        return null;
                    }
                    smaller = min < held;
                }
                sequence[step - 1] = min;
                frontierRound++;
                int nextSize = 0;
                for (int f = 0; f < frontierSize; f++) {
                    int u = frontier[f];
                    for (int e = cg.outStart[u]; e < cg.outStart[u + 1]; e++) {
                        int v = cg.outTarget[e];
                        if (distStamp[v] == stamp && dist[v] == remaining && edgeRank[e] == min
                                && frontierStamp[v] != frontierRound) {
                            frontierStamp[v] = frontierRound;
                            next[nextSize++] = v;
                        }
                    }
                }
                int[] swap = frontier;
                frontier = next;
                next = swap;
                frontierSize = nextSize;
            }
            return smaller ? sequence : null;
        }
    }
}
