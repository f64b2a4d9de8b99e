package dev.shadowheap.samples.oracle;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ground truth, side two: given the recorded graph and which objects died, replays what reference
 * counting would do (dead objects with no referrer are freed, releasing what they point at) and sorts
 * the objects left over into cycles (strongly connected components with a cycle) and hangers-on.
 * Each cycle is named by the shape of its shortest cycles; a component whose shortest cycles do not all
 * have the same shape is reported as an error, because then an expected shape would be ambiguous.
 */
final class LeakClassifier {
    private static final int MAX_CYCLES_ENUMERATED = 200_000;

    private final ObjectGraph graph;
    private final boolean[] dead;
    private final int n;
    private final int[][] out;
    private final int[][] outEdge;
    private final int[][] in;

    LeakClassifier(ObjectGraph graph, boolean[] dead) {
        this.graph = graph;
        this.dead = dead;
        this.n = graph.nodeCount();
        int[] outDegree = new int[n];
        int[] inDegree = new int[n];
        for (int e = 0; e < graph.edgeCount(); e++) {
            outDegree[graph.from(e)]++;
            inDegree[graph.to(e)]++;
        }
        out = new int[n][];
        outEdge = new int[n][];
        in = new int[n][];
        for (int v = 0; v < n; v++) {
            out[v] = new int[outDegree[v]];
            outEdge[v] = new int[outDegree[v]];
            in[v] = new int[inDegree[v]];
        }
        int[] o = new int[n];
        int[] i = new int[n];
        for (int e = 0; e < graph.edgeCount(); e++) {
            int from = graph.from(e);
            int to = graph.to(e);
            out[from][o[from]] = to;
            outEdge[from][o[from]++] = e;
            in[to][i[to]++] = from;
        }
    }

    LeakVerdict classify(int rootsStillAlive) {
        for (int e = 0; e < graph.edgeCount(); e++) {
            if (!dead[graph.from(e)] && dead[graph.to(e)]) {
                throw new IllegalStateException("a live object references a dead one via " + graph.label(e)
                        + ": the recorded graph is stale");
            }
        }
        boolean[] leaked = survivorsOfReferenceCounting();
        int[] component = components(leaked);
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int v = 0; v < n; v++) {
            if (leaked[v]) {
                members.computeIfAbsent(component[v], c -> new ArrayList<>()).add(v);
            }
        }
        Map<String, long[]> cycles = new HashMap<>();
        long inCycles = 0;
        long leakedCount = 0;
        for (List<Integer> scc : members.values()) {
            leakedCount += scc.size();
            if (!isCyclic(scc, component)) {
                continue;
            }
            String shape = shapeOf(scc, component);
            long[] counts = cycles.computeIfAbsent(shape, s -> new long[2]);
            counts[0]++;
            counts[1] += scc.size();
            inCycles += scc.size();
        }
        int deadCount = 0;
        for (boolean d : dead) {
            deadCount += d ? 1 : 0;
        }
        return new LeakVerdict(cycles, leakedCount - inCycles, deadCount, rootsStillAlive);
    }

    /** Dead objects still referenced by dead objects after every unreferenced one has been released. */
    private boolean[] survivorsOfReferenceCounting() {
        int[] count = new int[n];
        for (int e = 0; e < graph.edgeCount(); e++) {
            if (dead[graph.from(e)]) {
                count[graph.to(e)]++;
            }
        }
        boolean[] leaked = dead.clone();
        int[] queue = new int[n];
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (dead[v] && count[v] == 0) {
                queue[tail++] = v;
                leaked[v] = false;
            }
        }
        for (int head = 0; head < tail; head++) {
            for (int w : out[queue[head]]) {
                if (--count[w] == 0) {
                    queue[tail++] = w;
                    leaked[w] = false;
                }
            }
        }
        return leaked;
    }

    /** Kosaraju: finish order on the graph, then sweeps on the reversed graph, both iterative. */
    private int[] components(boolean[] within) {
        int[] order = new int[n];
        int finished = 0;
        boolean[] visited = new boolean[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int start = 0; start < n; start++) {
            if (!within[start] || visited[start]) {
                continue;
            }
            int size = 0;
            stack[size++] = start;
            visited[start] = true;
            while (size > 0) {
                int v = stack[size - 1];
                if (next[v] < out[v].length) {
                    int w = out[v][next[v]++];
                    if (within[w] && !visited[w]) {
                        visited[w] = true;
                        stack[size++] = w;
                    }
                } else {
                    order[finished++] = v;
                    size--;
                }
            }
        }
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int components = 0;
        for (int k = finished - 1; k >= 0; k--) {
            int start = order[k];
            if (component[start] >= 0) {
                continue;
            }
            int size = 0;
            stack[size++] = start;
            component[start] = components;
            while (size > 0) {
                int v = stack[--size];
                for (int w : in[v]) {
                    if (within[w] && component[w] < 0) {
                        component[w] = components;
                        stack[size++] = w;
                    }
                }
            }
            components++;
        }
        return component;
    }

    private boolean isCyclic(List<Integer> scc, int[] component) {
        if (scc.size() > 1) {
            return true;
        }
        int v = scc.get(0);
        for (int w : out[v]) {
            if (w == v) {
                return true;
            }
        }
        return false;
    }

    /** The shape of the component's shortest cycles, which must all agree. */
    private String shapeOf(List<Integer> scc, int[] component) {
        int c = component[scc.get(0)];
        int[] distanceTo = new int[n];
        Arrays.fill(distanceTo, -1);
        int girth = Integer.MAX_VALUE;
        for (int s : scc) {
            girth = Math.min(girth, shortestCycleThrough(s, c, component, distanceTo));
        }
        Set<String> shapes = new HashSet<>();
        int[] budget = {MAX_CYCLES_ENUMERATED};
        for (int s : scc) {
            if (shortestCycleThrough(s, c, component, distanceTo) != girth) {
                continue;
            }
            // distanceTo now holds distances to s; walk only along edges that can still close in time.
            enumerate(s, s, 0, girth, new ArrayList<>(), c, component, distanceTo, shapes, budget);
            if (budget[0] <= 0) {
                break;
            }
        }
        if (shapes.size() != 1) {
            throw new IllegalStateException("component of " + scc.size() + " objects has shortest cycles of "
                    + shapes.size() + " shapes: " + shapes);
        }
        return shapes.iterator().next();
    }

    /** Length of the shortest cycle through s inside component c; leaves distances-to-s in distanceTo. */
    private int shortestCycleThrough(int s, int c, int[] component, int[] distanceTo) {
        Arrays.fill(distanceTo, -1);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        queue[tail++] = s;
        distanceTo[s] = 0;
        int best = Integer.MAX_VALUE;
        for (int w : out[s]) {
            if (w == s) {
                best = 1;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int u : in[v]) {
                if (component[u] != c) {
                    continue;
                }
                if (u == s) {
                    best = Math.min(best, distanceTo[v] + 1);
                } else if (distanceTo[u] < 0) {
                    distanceTo[u] = distanceTo[v] + 1;
                    queue[tail++] = u;
                }
            }
        }
        return best;
    }

    private void enumerate(int s, int v, int depth, int girth, List<Label> path, int c, int[] component,
                           int[] distanceTo, Set<String> shapes, int[] budget) {
        if (budget[0] <= 0) {
            return;
        }
        for (int k = 0; k < out[v].length; k++) {
            int w = out[v][k];
            if (component[w] != c) {
                continue;
            }
            path.add(Label.parse(graph.label(outEdge[v][k])));
            if (w == s && depth + 1 == girth) {
                shapes.add(Shape.of(path).toString());
                budget[0]--;
            } else if (w != s && distanceTo[w] >= 0 && depth + 1 + distanceTo[w] <= girth) {
                enumerate(s, w, depth + 1, girth, path, c, component, distanceTo, shapes, budget);
            }
            path.remove(path.size() - 1);
        }
    }
}
