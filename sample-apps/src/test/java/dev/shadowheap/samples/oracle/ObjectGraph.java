package dev.shadowheap.samples.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed multigraph over object numbers with labelled edges, plus which objects the JVM found dead.
 * Plain data: it holds no references to the objects themselves.
 */
final class ObjectGraph {
    private int nodeCount;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private int[] label = new int[1024];
    private int edgeCount;
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> labelIds = new HashMap<>();

    int addNode() {
        return nodeCount++;
    }

    void addEdge(int source, int target, String labelText) {
        if (edgeCount == from.length) {
            from = Arrays.copyOf(from, edgeCount * 2);
            to = Arrays.copyOf(to, edgeCount * 2);
            label = Arrays.copyOf(label, edgeCount * 2);
        }
        from[edgeCount] = source;
        to[edgeCount] = target;
        label[edgeCount] = labelIds.computeIfAbsent(labelText, text -> {
            labels.add(text);
            return labels.size() - 1;
        });
        edgeCount++;
    }

    int nodeCount() {
        return nodeCount;
    }

    int edgeCount() {
        return edgeCount;
    }

    int from(int edge) {
        return from[edge];
    }

    int to(int edge) {
        return to[edge];
    }

    String label(int edge) {
        return labels.get(label[edge]);
    }
}
