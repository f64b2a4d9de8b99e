package dev.shadowheap.analysis;

import java.util.Arrays;

/**
 * Which edge labels of one component can follow which: label {@code a} leads to label {@code b} when an edge labelled
 * {@code a} enters an object that has an edge labelled {@code b}. A cycle of objects walks a cycle of this graph
 * through its own labels, so a set of labels without a cycle here closes no cycle among the objects. Testing that
 * takes a few operations on bit masks instead of a pass over the component, and on leaked components most label
 * subsets fail it. Over at most {@value #MAX_LABELS} labels, as bit masks over the component's local label indices.
 */
final class LabelGraph {

    static final int MAX_LABELS = Integer.SIZE;

    /** Per local label, the mask of labels that lead to it. */
    private final int[] predecessors;

    private LabelGraph(int[] predecessors) {
        this.predecessors = predecessors;
    }

    /** @param local the component's distinct labels, sorted ({@link ComponentGraph#distinctLabels()}) */
    static LabelGraph of(ComponentGraph cg, int[] local) {
        if (local.length > MAX_LABELS) {
            throw new IllegalArgumentException("LabelGraph: " + local.length + " labels, at most " + MAX_LABELS);
        }
        int[] edgeLabel = new int[cg.edgeCount()];
        int[] outLabels = new int[cg.size()];
        for (int v = 0; v < cg.size(); v++) {
            for (int e = cg.outStart[v]; e < cg.outStart[v + 1]; e++) {
                edgeLabel[e] = Arrays.binarySearch(local, cg.outLabel[e]);
                outLabels[v] |= 1 << edgeLabel[e];
            }
        }
        int[] successors = new int[local.length];
        for (int e = 0; e < edgeLabel.length; e++) {
            successors[edgeLabel[e]] |= outLabels[cg.outTarget[e]];
        }
        int[] predecessors = new int[local.length];
        for (int a = 0; a < local.length; a++) {
            for (int rest = successors[a]; rest != 0; rest &= rest - 1) {
                predecessors[Integer.numberOfTrailingZeros(rest)] |= 1 << a;
            }
        }
        return new LabelGraph(predecessors);
    }

    /**
     * Whether the labels in {@code labels} lead round to one another. Peels labels none of the others leads to; what
     * is left each has a predecessor left, so walking predecessors must come round.
     */
    boolean hasCycleWithin(int labels) {
        int left = labels;
        boolean peeled = true;
        while (peeled && left != 0) {
            peeled = false;
            for (int rest = left; rest != 0; rest &= rest - 1) {
                int label = Integer.numberOfTrailingZeros(rest);
                if ((predecessors[label] & left) == 0) {
                    left &= ~(1 << label);
                    peeled = true;
                }
            }
        }
        return left != 0;
    }
}
