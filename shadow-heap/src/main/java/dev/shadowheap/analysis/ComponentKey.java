package dev.shadowheap.analysis;

import java.util.Arrays;

/**
 * An exact copy of a small component's labelled edges, as a hash key: two components with equal keys are the same
 * graph with the same labels, so they have the same shape and the same minimal cyclic label sets, and the analysis of
 * one serves the other. Programs leak the same small cycle millions of times (an object and its iterator, a frame
 * and its locals), and naming each one cost more than all the rest of the analysis.
 *
 * <p>Node order is part of the key (no canonical form is computed): the same cycle met from another node is a
 * second key, which costs a second analysis and nothing else.
 */
final class ComponentKey {

    /** Components larger than this are analysed each time: their keys would be long, and they seldom repeat. */
    static final int MAX_NODES = 64;
    static final int MAX_EDGES = 256;

    private final int[] code;
    private final int hash;

    private ComponentKey(int[] code) {
        this.code = code;
        this.hash = Arrays.hashCode(code);
    }

    /** The key of {@code cg}, or null if it is too large to be worth remembering. */
    static ComponentKey of(ComponentGraph cg) {
        int k = cg.size();
        int edges = cg.edgeCount();
        if (k > MAX_NODES || edges > MAX_EDGES) {
            return null;
        }
        // Out-degrees, then each edge's label and target: with the node count, that is the whole labelled graph.
        int[] code = new int[1 + k + 2 * edges];
        code[0] = k;
        for (int i = 0; i < k; i++) {
            code[1 + i] = cg.outStart[i + 1] - cg.outStart[i];
        }
        int at = 1 + k;
        for (int e = 0; e < edges; e++) {
            code[at++] = cg.outLabel[e];
            code[at++] = cg.outTarget[e];
        }
        return new ComponentKey(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComponentKey key && key.hash == hash && Arrays.equals(key.code, code);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
