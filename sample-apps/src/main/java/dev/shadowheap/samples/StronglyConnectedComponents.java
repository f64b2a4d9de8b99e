package dev.shadowheap.samples;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Strongly connected components of a directed graph given as adjacency lists ({@code successors[v]}
 * lists the targets of v's edges), found with Tarjan's algorithm, written iteratively so deep graphs
 * cannot overflow the stack. Also answers which components contain a cycle and how short it can be.
 */
public final class StronglyConnectedComponents {
    private final int[][] successors;
    private final int[] componentOf;
    private final int componentCount;

    /** Computes the components of the graph {@code successors} (vertices 0..length-1). */
    public StronglyConnectedComponents(int[][] successors) {
        this.successors = successors;
        this.componentOf = new int[successors.length];
        this.componentCount = tarjan();
    }

    private int tarjan() {
        int n = successors.length;
        int[] index = new int[n];
        int[] lowLink = new int[n];
        int[] nextEdge = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int stackSize = 0;
        ArrayDeque<Integer> callStack = new ArrayDeque<>();
        int counter = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            callStack.push(root);
            index[root] = lowLink[root] = counter++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (!callStack.isEmpty()) {
                int v = callStack.peek();
                if (nextEdge[v] < successors[v].length) {
                    int w = successors[v][nextEdge[v]++];
                    if (index[w] < 0) {
                        index[w] = lowLink[w] = counter++;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        callStack.push(w);
                    } else if (onStack[w]) {
                        lowLink[v] = Math.min(lowLink[v], index[w]);
                    }
                    continue;
                }
                callStack.pop();
                if (!callStack.isEmpty()) {
                    int parent = callStack.peek();
                    lowLink[parent] = Math.min(lowLink[parent], lowLink[v]);
                }
                if (lowLink[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--stackSize];
                        onStack[w] = false;
                        componentOf[w] = components;
                    } while (w != v);
                    components++;
                }
            }
        }
        return components;
    }

    /** The number of components. */
    public int count() {
        return componentCount;
    }

    /** The component of vertex {@code v}, in 0..count()-1. */
    public int componentOf(int v) {
        return componentOf[v];
    }

    /** The vertices of each component, each list in increasing order. */
    public int[][] members() {
        int[] sizes = new int[componentCount];
        for (int c : componentOf) {
            sizes[c]++;
        }
        int[][] members = new int[componentCount][];
        for (int c = 0; c < componentCount; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] filled = new int[componentCount];
        for (int v = 0; v < componentOf.length; v++) {
            members[componentOf[v]][filled[componentOf[v]]++] = v;
        }
        return members;
    }

    /** Whether component {@code c} contains a cycle: more than one vertex, or a vertex with a self-loop. */
    public boolean isCyclic(int c, int[] membersOfC) {
        if (membersOfC.length > 1) {
            return true;
        }
        int v = membersOfC[0];
        for (int w : successors[v]) {
            if (w == v) {
                return true;
            }
        }
        return false;
    }

    /** The length of a shortest cycle inside the component with these members (0 if it has none). */
    public int girth(int[] membersOfC) {
        int c = componentOf[membersOfC[0]];
        int best = Integer.MAX_VALUE;
        int[] distance = new int[successors.length];
        Arrays.fill(distance, -1);
        int[] queue = new int[membersOfC.length];
        for (int start : membersOfC) {
            // Breadth-first search from start inside the component; the first edge back to start closes
            // the shortest cycle through it.
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            distance[start] = 0;
            int found = Integer.MAX_VALUE;
            while (head < tail && found == Integer.MAX_VALUE) {
                int v = queue[head++];
                for (int w : successors[v]) {
                    if (componentOf[w] != c) {
                        continue;
                    }
                    if (w == start) {
                        found = distance[v] + 1;
                        break;
                    }
                    if (distance[w] < 0) {
                        distance[w] = distance[v] + 1;
                        queue[tail++] = w;
                    }
                }
            }
            for (int i = 0; i < tail; i++) {
                distance[queue[i]] = -1;
            }
            best = Math.min(best, found);
        }
        return best == Integer.MAX_VALUE ? 0 : best;
    }
}
