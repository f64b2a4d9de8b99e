package dev.shadowheap.analysis;

/**
 * The edges inside one strongly connected component, renumbered {@code 0 .. size-1} (in the order of
 * {@link StronglyConnected#members}), with forward and reverse adjacency. Shapes and weak-field sets
 * only ever look at edges inside a component: no cycle leaves one.
 */
final class ComponentGraph {

    /** Batch node index of each local node. */
    final int[] nodes;
    final int[] outStart;
    final int[] outTarget;
    final int[] outLabel;
    final int[] inStart;
    final int[] inSource;
    final int[] inLabel;

    private ComponentGraph(int[] nodes, int[] outStart, int[] outTarget, int[] outLabel, int[] inStart,
            int[] inSource, int[] inLabel) {
        this.nodes = nodes;
        this.outStart = outStart;
        this.outTarget = outTarget;
        this.outLabel = outLabel;
        this.inStart = inStart;
        this.inSource = inSource;
        this.inLabel = inLabel;
    }

    int size() {
        return nodes.length;
    }

    int edgeCount() {
        return outTarget.length;
    }

    /** The labels on this component's edges, each once, in increasing id order (computed on first use). */
    int[] distinctLabels() {
        int[] distinct = distinctLabels;
        if (distinct == null) {
            int[] sorted = outLabel.clone();
            java.util.Arrays.sort(sorted);
            int count = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[count++] = sorted[i];
                }
            }
            distinct = distinctLabels = java.util.Arrays.copyOf(sorted, count);
        }
        return distinct;
    }

    private int[] distinctLabels;

    /**
     * @param localIndex scratch array over batch nodes; entries of this component's members are
     *                   overwritten, others are never read
     */
    static ComponentGraph of(LeakGraph graph, StronglyConnected scc, int component, int[] localIndex) {
        int from = scc.memberStart[component];
        int k = scc.size(component);
        int[] nodes = new int[k];
        for (int i = 0; i < k; i++) {
            nodes[i] = scc.members[from + i];
            localIndex[nodes[i]] = i;
        }
        int[] outStart = new int[k + 1];
        int[] inCount = new int[k + 1];
        int edges = 0;
        for (int i = 0; i < k; i++) {
            int v = nodes[i];
            for (int e = graph.edgeStart[v]; e < graph.edgeStart[v + 1]; e++) {
                int w = graph.targets[e];
                if (scc.componentOf[w] == component) {
                    edges++;
                    inCount[localIndex[w] + 1]++;
                }
            }
            outStart[i + 1] = edges;
        }
        int[] outTarget = new int[edges];
        int[] outLabel = new int[edges];
        int[] inStart = new int[k + 1];
        for (int i = 0; i < k; i++) {
            inStart[i + 1] = inStart[i] + inCount[i + 1];
        }
        int[] inFill = java.util.Arrays.copyOf(inStart, k);
        int[] inSource = new int[edges];
        int[] inLabel = new int[edges];
        int out = 0;
        for (int i = 0; i < k; i++) {
            int v = nodes[i];
            for (int e = graph.edgeStart[v]; e < graph.edgeStart[v + 1]; e++) {
                int w = graph.targets[e];
                if (scc.componentOf[w] == component) {
                    int j = localIndex[w];
                    outTarget[out] = j;
                    outLabel[out++] = graph.labels[e];
                    inSource[inFill[j]] = i;
                    inLabel[inFill[j]++] = graph.labels[e];
                }
            }
        }
        return new ComponentGraph(nodes, outStart, outTarget, outLabel, inStart, inSource, inLabel);
    }

    /**
     * True when the edges whose label is not in {@code removed} still form a cycle. Kahn's
     * algorithm: peel nodes without remaining in-edges; anything left over lies on or behind a cycle.
     *
     * @param removed  per global label id, true if edges with that label are taken away
     * @param inDegree scratch of at least {@link #size()} ints
     * @param queue    scratch of at least {@link #size()} ints
     */
    boolean hasCycleWithout(boolean[] removed, int[] inDegree, int[] queue) {
        int k = nodes.length;
        java.util.Arrays.fill(inDegree, 0, k, 0);
        for (int e = 0; e < outTarget.length; e++) {
            if (!removed[outLabel[e]]) {
                inDegree[outTarget[e]]++;
            }
        }
        int head = 0;
        int tail = 0;
        for (int i = 0; i < k; i++) {
            if (inDegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int e = outStart[v]; e < outStart[v + 1]; e++) {
                if (!removed[outLabel[e]] && --inDegree[outTarget[e]] == 0) {
                    queue[tail++] = outTarget[e];
                }
            }
        }
        return tail < k;
    }

    /**
     * The labels on one cycle of the kept edges, as global label ids, right after {@link #hasCycleWithout}
     * returned true with the same {@code removed} and {@code inDegree}. Kahn's peeling leaves every node it could
     * not peel with a kept in-edge from another unpeeled node, so walking such in-edges backwards from any of
     * them must revisit a node, and the walk from that node on is a cycle. Linear in the component's size.
     */
    int[] labelsOfOneCycle(boolean[] removed, int[] inDegree) {
        int k = nodes.length;
        int[] stepOf = new int[k];
        java.util.Arrays.fill(stepOf, -1);
        int[] stepLabel = new int[k];
        int v = 0;
        while (v < k && inDegree[v] == 0) {
            v++;
        }
        if (v == k) {
            throw new IllegalStateException("labelsOfOneCycle: no unpeeled node; was hasCycleWithout true?");
        }
        int steps = 0;
        while (stepOf[v] < 0) {
            stepOf[v] = steps;
            int from = -1;
            for (int e = inStart[v]; e < inStart[v + 1]; e++) {
                if (!removed[inLabel[e]] && inDegree[inSource[e]] > 0) {
                    stepLabel[steps] = inLabel[e];
                    from = inSource[e];
                    break;
                }
            }
            if (from < 0) {
                throw new IllegalStateException("labelsOfOneCycle: unpeeled node without an unpeeled source");
            }
            steps++;
            v = from;
        }
        return java.util.Arrays.stream(stepLabel, stepOf[v], steps).distinct().sorted().toArray();
    }
}
