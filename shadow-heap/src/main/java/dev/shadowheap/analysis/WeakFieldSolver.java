package dev.shadowheap.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Picks the edge labels to make weak: the smallest set that meets every minimal cyclic label set
 * ({@link CyclicLabelSets}) of every leaked component, i.e. whose removal leaves all of them acyclic.
 *
 * <p>Order among valid sets: fewest labels; then fewest array-element labels (a Java array cannot
 * hold weak elements, so a field is the practical fix); then fewest component-internal edges removed;
 * then the sorted label names, compared name by name. With at most {@value #EXACT_LIMIT} candidate
 * labels every subset is tried in that order, which is exact. Beyond, a greedy heuristic: repeatedly
 * take the label that meets the most unmet sets (ties: field before array element, fewer edges,
 * name), then drop any chosen label, last chosen first, without which every set is still met.
 */
final class WeakFieldSolver {

    static final int EXACT_LIMIT = 20;

    private WeakFieldSolver() {
    }

    /**
     * @param cyclicSets    minimal cyclic label sets over global label ids
     * @param internalEdges per global label id, how many component-internal edges carry it
     * @param setsComplete  false when some component's sets were found on demand (then not exact)
     */
    static WeakFieldSuggestion solve(Collection<BitSet> cyclicSets, long[] internalEdges, EdgeLabels labels,
            boolean setsComplete) {
        if (cyclicSets.isEmpty()) {
            return new WeakFieldSuggestion(List.of(), 0, true);
        }
        BitSet union = new BitSet();
        cyclicSets.forEach(union::or);
        Integer[] candidates = union.stream().boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(candidates, (a, b) -> labels.name(a).compareTo(labels.name(b)));
        int c = candidates.length;
        BitSet[] sets = new BitSet[cyclicSets.size()]; // over candidate positions
        int s = 0;
        for (BitSet set : cyclicSets) {
            sets[s] = new BitSet(c);
            for (int i = 0; i < c; i++) {
                if (set.get(candidates[i])) {
                    sets[s].set(i);
                }
            }
            s++;
        }
        Candidates all = new Candidates(candidates, internalEdges, labels);
        BitSet chosen = c <= EXACT_LIMIT ? exact(sets, all) : greedy(sets, all);
        List<String> names = new ArrayList<>();
        long edges = 0;
        for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
            names.add(labels.name(candidates[i]));
            edges += internalEdges[candidates[i]];
        }
        return new WeakFieldSuggestion(names, edges, setsComplete && c <= EXACT_LIMIT);
    }

    private static boolean meetsAll(long chosen, long[] sets) {
        for (long set : sets) {
            if ((set & chosen) == 0) {
                return false;
            }
        }
        return true;
    }

    private static BitSet exact(BitSet[] setBits, Candidates all) {
        int c = all.size();
        long[] sets = new long[setBits.length];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = setBits[i].toLongArray()[0]; // every set is non-empty, within c <= 20 bits
        }
        for (int size = 1; size <= c; size++) {
            long best = -1;
            for (long mask = (1L << size) - 1; mask < (1L << c); mask = nextSameSize(mask)) {
                if (meetsAll(mask, sets) && (best < 0 || all.compare(mask, best) < 0)) {
                    best = mask;
                }
            }
            if (best >= 0) {
                return BitSet.valueOf(new long[] {best});
            }
        }
        throw new AssertionError("taking every candidate label meets every set");
    }

    private static BitSet greedy(BitSet[] sets, Candidates all) {
        BitSet chosen = new BitSet();
        List<Integer> order = new ArrayList<>();
        List<BitSet> open = new ArrayList<>(List.of(sets));
        while (!open.isEmpty()) {
            int[] hits = new int[all.size()];
            for (BitSet set : open) {
                set.stream().forEach(i -> hits[i]++);
            }
            int best = -1;
            for (int i = 0; i < hits.length; i++) {
                if (hits[i] > 0 && (best < 0 || all.greedyBetter(i, hits[i], best, hits[best]))) {
                    best = i;
                }
            }
            chosen.set(best);
            order.add(best);
            final int taken = best;
            open.removeIf(set -> set.get(taken));
        }
        for (int k = order.size() - 1; k >= 0; k--) {
            int label = order.get(k);
            chosen.clear(label);
            if (!meetsAll(chosen, sets)) {
                chosen.set(label);
            }
        }
        return chosen;
    }

    private static boolean meetsAll(BitSet chosen, BitSet[] sets) {
        for (BitSet set : sets) {
            if (!set.intersects(chosen)) {
                return false;
            }
        }
        return true;
    }

    static long nextSameSize(long mask) {
        long lowest = mask & -mask;
        long ripple = mask + lowest;
        return (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }

    /** Candidate labels in name order, with the facts the tie-breaks need. */
    private static final class Candidates {
        private final boolean[] array;
        private final long[] edges;

        Candidates(Integer[] labelIds, long[] internalEdges, EdgeLabels labels) {
            array = new boolean[labelIds.length];
            edges = new long[labelIds.length];
            for (int i = 0; i < labelIds.length; i++) {
                array[i] = labels.isArrayElement(labelIds[i]);
                edges[i] = internalEdges[labelIds[i]];
            }
        }

        int size() {
            return array.length;
        }

        /** Greedy preference: more sets met, then field before array element, then fewer edges, then name. */
        boolean greedyBetter(int a, int hitsA, int b, int hitsB) {
            if (hitsA != hitsB) {
                return hitsA > hitsB;
            }
            if (array[a] != array[b]) {
                return !array[a];
            }
            if (edges[a] != edges[b]) {
                return edges[a] < edges[b];
            }
            return a < b;
        }

        /** Orders two sets of equal size: fewer array labels, fewer edges, then names position by position. */
        int compare(long a, long b) {
            int byArrays = Integer.compare(count(a, true), count(b, true));
            if (byArrays != 0) {
                return byArrays;
            }
            int byEdges = Long.compare(edges(a), edges(b));
            if (byEdges != 0) {
                return byEdges;
            }
            // Candidates are in name order, so the first differing position decides: lower bit wins.
            long differ = a ^ b;
            long lowest = differ & -differ;
            return (a & lowest) != 0 ? -1 : 1;
        }

        private int count(long mask, boolean arrays) {
            int n = 0;
            for (int i = 0; i < array.length; i++) {
                if ((mask & (1L << i)) != 0 && array[i] == arrays) {
                    n++;
                }
            }
            return n;
        }

        private long edges(long mask) {
            long total = 0;
            for (int i = 0; i < edges.length; i++) {
                if ((mask & (1L << i)) != 0) {
                    total += edges[i];
                }
            }
            return total;
        }
    }
}
