package dev.shadowheap.analysis;

/**
 * Strongly connected components of a {@link LeakGraph} by Tarjan's algorithm, run with explicit
 * stacks: a leaked doubly-linked list is one component a million nodes deep, which recursion would
 * not survive. Components are numbered in the order Tarjan completes them (successors first);
 * {@code members[memberStart[c] .. memberStart[c+1])} lists the nodes of component {@code c}.
 */
final class StronglyConnected {

    final int[] componentOf;
    final int[] memberStart;
    final int[] members;
    /** Per component: true when it holds a cycle (more than one node, or a self-loop). */
    final boolean[] cyclic;

    private StronglyConnected(int[] componentOf, int[] memberStart, int[] members, boolean[] cyclic) {
        this.componentOf = componentOf;
        this.memberStart = memberStart;
        this.members = members;
        this.cyclic = cyclic;
    }

    int componentCount() {
        return memberStart.length - 1;
    }

    int size(int component) {
        return memberStart[component + 1] - memberStart[component];
    }

    static StronglyConnected of(LeakGraph graph) {
        int n = graph.nodeCount();
        int[] edgeStart = graph.edgeStart;
        int[] targets = graph.targets;
        int[] order = new int[n]; // discovery number + 1; 0 = unvisited
        int[] low = new int[n];
        int[] componentOf = new int[n];
        java.util.Arrays.fill(componentOf, -1);
        int[] tarjanStack = new int[n];
        int tarjanTop = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int callTop = 0;
        int[] members = new int[n];
        int memberCount = 0;
        int[] memberStart = new int[n + 1];
        int components = 0;
        int counter = 0;

        for (int root = 0; root < n; root++) {
            if (order[root] != 0) {
                continue;
            }
            order[root] = low[root] = ++counter;
            tarjanStack[tarjanTop++] = root;
            callNode[callTop] = root;
            callEdge[callTop++] = edgeStart[root];
            while (callTop > 0) {
                int v = callNode[callTop - 1];
                int e = callEdge[callTop - 1];
                if (e < edgeStart[v + 1]) {
                    callEdge[callTop - 1] = e + 1;
                    int w = targets[e];
                    if (order[w] == 0) {
                        order[w] = low[w] = ++counter;
                        tarjanStack[tarjanTop++] = w;
                        callNode[callTop] = w;
                        callEdge[callTop++] = edgeStart[w];
                    } else if (componentOf[w] < 0 && order[w] < low[v]) {
                        low[v] = order[w]; // w is on the Tarjan stack
                    }
                    continue;
                }
                callTop--;
                if (callTop > 0) {
                    int parent = callNode[callTop - 1];
                    if (low[v] < low[parent]) {
                        low[parent] = low[v];
                    }
                }
                if (low[v] == order[v]) {
                    int w;
                    do {
                        w = tarjanStack[--tarjanTop];
                        componentOf[w] = components;
                        members[memberCount++] = w;
                    } while (w != v);
                    memberStart[++components] = memberCount;
                }
            }
        }
        int[] starts = java.util.Arrays.copyOf(memberStart, components + 1);
        boolean[] cyclic = new boolean[components];
        for (int c = 0; c < components; c++) {
            if (starts[c + 1] - starts[c] > 1) {
                cyclic[c] = true;
            } else {
                int v = members[starts[c]];
                for (int e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
                    if (targets[e] == v) {
                        cyclic[c] = true;
                        break;
                    }
                }
            }
        }
        return new StronglyConnected(componentOf, starts, members, cyclic);
    }
}
