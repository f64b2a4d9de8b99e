package dev.shadowheap.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The random-graph app's own component finder (iterative Tarjan) and girth against a brute-force
 * oracle: two vertices share a component exactly when each reaches the other; the girth of a component
 * is 1 with a self-loop, else the smallest d(u,v) + d(v,u) over its vertex pairs.
 */
class RandomGraphSccTest {

    static LongStream seeds() {
        return LongStream.concat(LongStream.of(RandomGraphApp.SEED), LongStream.rangeClosed(1, 12));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void tarjanAgreesWithMutualReachability(long seed) {
        int[][] graph = RandomGraphApp.generate(seed, seed == RandomGraphApp.SEED ? RandomGraphApp.NODES : 300);
        StronglyConnectedComponents sccs = new StronglyConnectedComponents(graph);
        int n = graph.length;
        int[][] distance = allDistances(graph);

        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                boolean mutual = distance[u][v] >= 0 && distance[v][u] >= 0;
                assertEquals(mutual, sccs.componentOf(u) == sccs.componentOf(v), "vertices " + u + " and " + v);
            }
        }
        for (int[] members : sccs.members()) {
            int c = sccs.componentOf(members[0]);
            assertEquals(bruteForceGirth(graph, distance, members), sccs.girth(members), "girth of component " + c);
            assertEquals(bruteForceGirth(graph, distance, members) > 0, sccs.isCyclic(c, members));
        }
    }

    private static int[][] allDistances(int[][] graph) {
        int n = graph.length;
        int[][] distance = new int[n][];
        for (int s = 0; s < n; s++) {
            int[] d = new int[n];
            Arrays.fill(d, -1);
            d[s] = 0;
            BitSet frontier = new BitSet();
            frontier.set(s);
            for (int step = 1; !frontier.isEmpty(); step++) {
                BitSet next = new BitSet();
                for (int v = frontier.nextSetBit(0); v >= 0; v = frontier.nextSetBit(v + 1)) {
                    for (int w : graph[v]) {
                        if (d[w] < 0) {
                            d[w] = step;
                            next.set(w);
                        }
                    }
                }
                frontier = next;
            }
            distance[s] = d;
        }
        return distance;
    }

    private static int bruteForceGirth(int[][] graph, int[][] distance, int[] members) {
        for (int v : members) {
            for (int w : graph[v]) {
                if (w == v) {
                    return 1;
                }
            }
        }
        int best = 0;
        for (int u : members) {
            for (int v : members) {
                if (u != v) {
                    int around = distance[u][v] + distance[v][u];
                    best = best == 0 ? around : Math.min(best, around);
                }
            }
        }
        return best;
    }
}
