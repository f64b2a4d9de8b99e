package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.Random;

/**
 * A seeded random directed graph of objects. The app works out its own expected leaks: the strongly
 * connected components of its node graph that contain a cycle leak, everything reachable from them hangs
 * on, everything else is freed by reference counting.
 */
public final class RandomGraphApp implements SampleApp {
    static final long SEED = 20_241_124L;
    static final int NODES = 1000;
    /** Edges go to nearby node numbers, which makes many short cycles as well as a few long ones. */
    static final int WINDOW = 12;

    /** A graph node; its out-edges live in an array, one array per node (empty if it has no edges). */
    static final class Node {
        final int id;
        Node[] edges;

        Node(int id) {
            this.id = id;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new RandomGraphApp());
    }

    /**
     * The graph as adjacency lists: node i gets 0, 1 or 2 edges (uniformly), each to a node at most
     * {@link #WINDOW} numbers away (wrapping around); self-loops and repeated edges can occur.
     */
    static int[][] generate(long seed, int nodes) {
        Random random = new Random(seed);
        int[][] successors = new int[nodes][];
        for (int v = 0; v < nodes; v++) {
            successors[v] = new int[random.nextInt(3)];
            for (int e = 0; e < successors[v].length; e++) {
                int offset = random.nextInt(2 * WINDOW + 1) - WINDOW;
                successors[v][e] = Math.floorMod(v + offset, nodes);
            }
        }
        return successors;
    }

    @Override
    public void run(SampleContext context) {
        int[][] successors = generate(SEED, NODES);
        Node[] nodes = build(successors);
        context.out().println("graph: " + NODES + " nodes, " + edgeCount(successors) + " edges, checksum "
                + checksum(nodes));
        context.letGo(nodes);
        expectLeaks(context, successors);
    }

    private static Node[] build(int[][] successors) {
        Node[] nodes = new Node[successors.length];
        for (int v = 0; v < nodes.length; v++) {
            nodes[v] = new Node(v);
        }
        for (int v = 0; v < nodes.length; v++) {
            nodes[v].edges = new Node[successors[v].length];
            for (int e = 0; e < successors[v].length; e++) {
                nodes[v].edges[e] = nodes[successors[v][e]];
            }
        }
        return nodes;
    }

    /**
     * In objects, node v and its edge array are two steps (Node.edges, then Node[][*]), so a component of
     * k nodes is a component of 2k objects, and a shortest node cycle of length g reads as the pair of
     * labels repeated g times. Nodes reachable from a cyclic component, but outside every one, hang on
     * together with their arrays; the rest have no referrer left once the app's Node[] goes, and are freed.
     */
    private static void expectLeaks(SampleContext context, int[][] successors) {
        StronglyConnectedComponents components = new StronglyConnectedComponents(successors);
        int[][] members = components.members();
        boolean[] inCycle = new boolean[successors.length];
        // Indexed by girth; plain arrays, because a TreeMap here would itself leave cycles behind.
        long[] componentsByGirth = new long[successors.length + 1];
        long[] nodesByGirth = new long[successors.length + 1];
        for (int c = 0; c < members.length; c++) {
            if (!components.isCyclic(c, members[c])) {
                continue;
            }
            int girth = components.girth(members[c]);
            componentsByGirth[girth]++;
            nodesByGirth[girth] += members[c].length;
            for (int v : members[c]) {
                inCycle[v] = true;
            }
        }
        Label edges = Label.field(Node.class, "edges");
        Label element = Label.elements(Node[].class);
        for (int girth = 1; girth < componentsByGirth.length; girth++) {
            if (componentsByGirth[girth] > 0) {
                context.expect().cycles(Shape.repeated(girth, edges, element),
                        componentsByGirth[girth], 2 * nodesByGirth[girth]);
            }
        }
        int leakedNodes = reachableFrom(inCycle, successors);
        int cycleNodes = 0;
        for (boolean b : inCycle) {
            cycleNodes += b ? 1 : 0;
        }
        context.expect().hangersOn(2L * (leakedNodes - cycleNodes));
        context.out().println("cyclic components: " + context.expect().totalCycles() + ", nodes in them "
                + cycleNodes + ", nodes hanging on " + (leakedNodes - cycleNodes));
    }

    /** How many vertices are reachable from the marked ones (the marked ones included). */
    private static int reachableFrom(boolean[] marked, int[][] successors) {
        boolean[] seen = marked.clone();
        int[] stack = new int[successors.length];
        int size = 0;
        int count = 0;
        for (int v = 0; v < successors.length; v++) {
            if (seen[v]) {
                stack[size++] = v;
                count++;
            }
        }
        while (size > 0) {
            int v = stack[--size];
            for (int w : successors[v]) {
                if (!seen[w]) {
                    seen[w] = true;
                    stack[size++] = w;
                    count++;
                }
            }
        }
        return count;
    }

    private static int edgeCount(int[][] successors) {
        int count = 0;
        for (int[] out : successors) {
            count += out.length;
        }
        return count;
    }

    private static long checksum(Node[] nodes) {
        long checksum = 0;
        for (Node node : nodes) {
            for (Node target : node.edges) {
                checksum = checksum * 31 + target.id;
            }
        }
        return checksum;
    }
}
