package dev.shadowheap.analysis;

import java.util.Arrays;

/**
 * Attributes each leaked object outside a cycle to the nearest cycle that reaches it: one
 * breadth-first search from all cycle members at once, seeded in component order, so an object
 * reachable from several cycles goes to the one with the fewest edges to it (ties: the component
 * Tarjan completed first). Objects no cycle reaches stay unattributed ({@code -1}).
 */
final class HangerOns {

    private HangerOns() {
    }

    /** Per batch node: the component that keeps it (its own, for cycle members), or -1. */
    static int[] owners(LeakGraph graph, StronglyConnected scc) {
        int n = graph.nodeCount();
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        int[] queue = new int[n];
        int tail = 0;
        for (int c = 0; c < scc.componentCount(); c++) {
            if (!scc.cyclic[c]) {
                continue;
            }
            for (int m = scc.memberStart[c]; m < scc.memberStart[c + 1]; m++) {
                owner[scc.members[m]] = c;
                queue[tail++] = scc.members[m];
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = queue[head];
            for (int e = graph.edgeStart[v]; e < graph.edgeStart[v + 1]; e++) {
                int w = graph.targets[e];
                if (owner[w] < 0) {
                    owner[w] = owner[v];
                    queue[tail++] = w;
                }
            }
        }
        return owner;
    }
}
