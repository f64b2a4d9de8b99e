package dev.shadowheap.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The minimal sets of edge labels that still close a cycle inside one component. A set of labels
 * made weak breaks every cycle of the component exactly when it meets each of these sets, so they
 * are all the weak-field search needs to keep once the objects are freed, and batches combine by
 * taking their union.
 *
 * <p>With at most {@value #ENUMERATION_LIMIT} labels inside the component, label subsets are tried
 * smallest first (supersets of a set already found are skipped, and so are sets whose labels do not lead round to
 * one another in the {@link LabelGraph}), each with one linear acyclicity test; that is exact unless the work exceeds {@value #WORK_BUDGET} edge visits (not tried at all when
 * the single labels and pairs alone would exceed it). Otherwise sets are
 * found on demand: make the labels of a greedy hitting set of the sets found so far weak; if a cycle
 * remains, take the labels of one such cycle, shrink them to a minimal cyclic set and add it; stop when
 * nothing cyclic remains, after {@value #MAX_ROUNDS} rounds or after {@value #ON_DEMAND_BUDGET} edge visits. That
 * yields genuine minimal sets, but perhaps not all of them, and is reported as inexact.
 *
 * <p>Shrinking starts from one cycle's labels rather than from all remaining labels because each test is
 * a pass over the whole component: a leaked syntax tree of a million nodes with 60 labels took 60 passes a
 * round that way (15 s of PMD's exit), while a cycle seldom carries more than a few labels.
 */
final class CyclicLabelSets {

    /**
     * At most 2^12 label subsets per component. At 16, components of a leaked syntax tree with 13-16 field labels took
     * up to 33,596 tests each: PMD's batches spent 0.5-1 s each in this search, under the heap's lock, and its last
     * batch 4.8 s; at 12 the last batch spends 1.4 s and no other exceeds 0.1 s. Larger components go on demand.
     */
    static final int ENUMERATION_LIMIT = 12;
    static final long WORK_BUDGET = 64_000_000L;
    static final int MAX_ROUNDS = 64;
    static final long ON_DEMAND_BUDGET = WORK_BUDGET;

    /** At most this many edge and node visits to search a component exhaustively: cheap, whatever else it costs. */
    static final long CHEAP_WORK = 1 << 20;

    final List<BitSet> sets;
    final boolean complete;
    /** Cyclicity tests run to find them: each is one pass over the component. */
    final int tests;
    /** Edge and node visits those tests took. */
    final long work;

    private CyclicLabelSets(List<BitSet> sets, boolean complete, int tests, long work) {
        this.sets = sets;
        this.complete = complete;
        this.tests = tests;
        this.work = work;
    }

    /**
     * Whether trying every single label and pair of labels of the component stays within {@link #CHEAP_WORK}: true
     * of the small cycles most leaks are made of (two labels on two objects), which a caller that bounds its total
     * search still searches when the budget is spent.
     */
    static boolean cheap(ComponentGraph cg) {
        return Tester.pairsWork(cg, cg.distinctLabels().length) <= CHEAP_WORK;
    }

    /**
     * @param removedScratch at least one entry per global label id, any content. Each test sets the entries of the
     *                       component's own labels and no other is read, so the calls of one accumulator share it: a
     *                       batch may hold 200,000 components, and a fresh mask per component over thousands of
     *                       labels was a large part of the batch's cost
     */
    static CyclicLabelSets of(ComponentGraph cg, boolean[] removedScratch) {
        return new Tester(cg, removedScratch).search();
    }

    /** The on-demand search alone, whatever the number of labels (for tests that compare it with enumeration). */
    static CyclicLabelSets onDemand(ComponentGraph cg, boolean[] removedScratch) {
        Tester tester = new Tester(cg, removedScratch);
        List<BitSet> found = tester.onDemand();
        return new CyclicLabelSets(found, false, tester.tests, tester.totalWork);
    }

    /** Cyclicity tests with a subset of the component's labels kept, as bit masks over {@code local}. */
    private static final class Tester {
        private final ComponentGraph cg;
        private final int[] local;
        private final boolean[] removed;
        private final int[] inDegree;
        private final int[] queue;
        private long work;
        /** Visits over the whole search (enumeration and on demand; {@link #work} counts against each budget). */
        private long totalWork;
        private int tests;

        Tester(ComponentGraph cg, boolean[] removed) {
            this.cg = cg;
            this.local = cg.distinctLabels();
            this.removed = removed;
            this.inDegree = new int[cg.size()];
            this.queue = new int[cg.size()];
        }

        CyclicLabelSets search() {
            if (local.length <= ENUMERATION_LIMIT && enumerationMayFit()) {
                List<BitSet> found = enumerate();
                if (found != null) {
                    return new CyclicLabelSets(found, true, tests, totalWork);
                }
            }
            List<BitSet> found = onDemand();
            return new CyclicLabelSets(found, false, tests, totalWork);
        }

        private int localIndexOf(int label) {
            return Arrays.binarySearch(local, label);
        }

        /** True when the edges with the labels in {@code kept} (a set of local indices) form a cycle. */
        boolean cyclicWith(BitSet kept) {
            for (int i = 0; i < local.length; i++) {
                removed[local[i]] = !kept.get(i);
            }
            return cyclicWithRemovedSet();
        }

        /** {@link #cyclicWith(BitSet)} for a set of at most 32 local indices given as a bit mask. */
        boolean cyclicWith(int kept) {
            for (int i = 0; i < local.length; i++) {
                removed[local[i]] = (kept & (1 << i)) == 0;
            }
            return cyclicWithRemovedSet();
        }

        private boolean cyclicWithRemovedSet() {
            tests++;
            work += cg.size() + 2L * cg.edgeCount();
            totalWork += cg.size() + 2L * cg.edgeCount();
            return cg.hasCycleWithout(removed, inDegree, queue);
        }

        BitSet toGlobal(BitSet kept) {
            BitSet global = new BitSet();
            for (int i = kept.nextSetBit(0); i >= 0; i = kept.nextSetBit(i + 1)) {
                global.set(local[i]);
            }
            return global;
        }

        private BitSet toGlobal(int kept) {
            BitSet global = new BitSet();
            for (int i = 0; i < local.length; i++) {
                if ((kept & (1 << i)) != 0) {
                    global.set(local[i]);
                }
            }
            return global;
        }

        /**
         * False when testing every single label and pair of labels alone would exceed the work budget: then
         * enumeration on this component is all but sure to run out of budget, and the work spent on it before
         * giving up would be wasted (a leaked syntax tree is one component of a million edges).
         */
        boolean enumerationMayFit() {
            return pairsWork(cg, local.length) <= WORK_BUDGET;
        }

        /** Visits to test each of {@code m} labels alone and each pair: one pass over the component per test. */
        static long pairsWork(ComponentGraph cg, long m) {
            return (cg.size() + 2L * cg.edgeCount()) * (m + m * (m - 1) / 2);
        }

        /**
         * All minimal cyclic sets, or null when the work budget ran out. A subset is tested on the component only when
         * the label graph ({@link LabelGraph}) has a cycle within it: a cycle of objects is a cycle of its labels, so
         * a subset without one there cannot close one here, and on leaked components most subsets have none.
         */
        List<BitSet> enumerate() {
            int m = local.length;
            LabelGraph labelGraph = LabelGraph.of(cg, local);
            List<BitSet> minimal = new ArrayList<>();
            int[] minimalMasks = new int[8];
            int found = 0;
            for (int size = 1; size <= m; size++) {
                for (int mask = (1 << size) - 1; mask < (1 << m); mask = nextSameSize(mask)) {
                    if (isSupersetOfAny(mask, minimalMasks, found) || !labelGraph.hasCycleWithin(mask)) {
                        continue;
                    }
                    if (work > WORK_BUDGET) {
                        return null;
                    }
                    if (cyclicWith(mask)) {
                        if (found == minimalMasks.length) {
                            minimalMasks = Arrays.copyOf(minimalMasks, found * 2);
                        }
                        minimalMasks[found++] = mask;
                        minimal.add(toGlobal(mask));
                    }
                }
            }
            return minimal;
        }

        private static boolean isSupersetOfAny(int mask, int[] masks, int count) {
            for (int i = 0; i < count; i++) {
                if ((mask & masks[i]) == masks[i]) {
                    return true;
                }
            }
            return false;
        }

        /** Minimal cyclic sets found round by round, within a budget of its own of {@value #ON_DEMAND_BUDGET} edge visits. */
        List<BitSet> onDemand() {
            List<BitSet> found = new ArrayList<>(); // over local indices
            BitSet all = new BitSet();
            all.set(0, local.length);
            work = 0;
            for (int round = 0; round < MAX_ROUNDS && work <= ON_DEMAND_BUDGET; round++) {
                BitSet kept = (BitSet) all.clone();
                kept.andNot(greedyHittingSet(found));
                if (!cyclicWith(kept)) {
                    break;
                }
                BitSet minimal = new BitSet();
                for (int label : cg.labelsOfOneCycle(removed, inDegree)) {
                    minimal.set(localIndexOf(label));
                }
                for (int i = minimal.nextSetBit(0); i >= 0; i = minimal.nextSetBit(i + 1)) {
                    minimal.clear(i);
                    if (!cyclicWith(minimal)) {
                        minimal.set(i); // needed to keep a cycle
                    }
                }
                found.add(minimal);
            }
            List<BitSet> global = new ArrayList<>(found.size());
            for (BitSet set : found) {
                global.add(toGlobal(set));
            }
            return global;
        }

        private static BitSet greedyHittingSet(List<BitSet> sets) {
            BitSet chosen = new BitSet();
            List<BitSet> open = new ArrayList<>(sets);
            while (!open.isEmpty()) {
                int[] hits = new int[open.stream().mapToInt(BitSet::length).max().orElse(0)];
                for (BitSet set : open) {
                    set.stream().forEach(i -> hits[i]++);
                }
                int best = 0;
                for (int i = 1; i < hits.length; i++) {
                    if (hits[i] > hits[best]) {
                        best = i;
                    }
                }
                chosen.set(best);
                final int taken = best;
                open.removeIf(set -> set.get(taken));
            }
            return chosen;
        }
    }

    /** The next larger int with the same number of one bits (Gosper's hack). */
    static int nextSameSize(int mask) {
        int lowest = mask & -mask;
        int ripple = mask + lowest;
        return (((ripple ^ mask) >>> 2) / lowest) | ripple;
    }
}
