package dev.shadowheap.benchmarks;

import dev.shadowheap.agent.track.AgentCounters;
import dev.shadowheap.agent.track.HeapTracker;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.Hooks;

/**
 * The agent's tracking machinery wired as the agent wires it (a {@link HeapTracker} whose sink is installed in
 * {@link Hooks}), but driven by benchmark code that calls the hooks itself, as rewritten bytecode would. Only the
 * agent's public API is used, so the benchmarks survive changes behind it.
 *
 * <p>Every class counts as rewritten, so every {@link Node} is trackable. Shallow sizes are a constant: the real
 * agent asks {@code Instrumentation.getObjectSize}, which needs an agent, once per class and caches it.
 */
final class AgentHooks {

    /** JMH fork arguments: the agent reads fields with {@code jdk.internal.misc.Unsafe}, which it exports to itself. */
    static final String EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** The object every hook benchmark allocates and links: one reference field, like a list node. */
    static class Node {
        Node next;
    }

    /**
     * A node whose class carries the field the agent adds to application classes it sees defined (see the agent's
     * {@code IdField}): the tracker finds it by name and keeps the node's id there instead of in its identity table.
     */
    static final class FieldNode extends Node {
        @SuppressWarnings("unused")
        private transient long $shadowheap$id;
    }

    static final String NODE_CLASS = Node.class.getName();

    final ShadowHeap heap = new ShadowHeap();
    final AgentCounters counters = new AgentCounters();
    final HeapTracker tracker = new HeapTracker(heap, object -> 16, type -> true, counters);
    /** The field reference rewritten {@code PUTFIELD Node.next} would carry. */
    final int nextField = tracker.instrumentationIds().fieldRef(NODE_CLASS.replace('.', '/'), "next", false);
    /** The allocation site rewritten {@code NEW Node} would carry. */
    final int site = tracker.instrumentationIds().site("dev.shadowheap.benchmarks.AgentHooks.allocate(AgentHooks.java:1)");

    AgentHooks install() {
        Hooks.install(tracker.sink());
        return this;
    }

    void uninstall() {
        Hooks.uninstall();
        if (Hooks.errors() != 0) {
            throw new IllegalStateException("hooks failed " + Hooks.errors() + " times; first: " + Hooks.firstError(),
                    Hooks.firstError());
        }
    }

    /** {@code new Node()} as rewritten code runs it: site pushed after NEW, object reported after its constructor. */
    Node allocate() {
        return allocate(NodeIdentity.TABLE);
    }

    /** As {@link #allocate()}, of the node class that {@code identity} asks for. */
    Node allocate(NodeIdentity identity) {
        Node node;
        if (identity == NodeIdentity.FIELD) {
            Hooks.beforeNew(site, FieldNode.class.getName());
            node = new FieldNode();
        } else {
            Hooks.beforeNew(site, NODE_CLASS);
            node = new Node();
        }
        Hooks.afterNew(node);
        return node;
    }

    /** {@code owner.next = value} as rewritten code runs it: the hook sees the store just before it happens. */
    void storeNext(Node owner, Node value) {
        Hooks.putField(owner, value, nextField);
        owner.next = value;
    }

    /** {@code count} tracked nodes, each checked to have an id. */
    Node[] trackedNodes(int count) {
        return trackedNodes(count, NodeIdentity.TABLE);
    }

    /** {@code count} tracked nodes of the class {@code identity} asks for, each checked to have an id. */
    Node[] trackedNodes(int count, NodeIdentity identity) {
        Node[] nodes = new Node[count];
        for (int i = 0; i < count; i++) {
            nodes[i] = allocate(identity);
            if (tracker.idOf(nodes[i]) == ShadowHeap.NULL) {
                throw new IllegalStateException("node " + i + " was not tracked; counters: untrackable="
                        + counters.untrackableAllocations.sum() + ", hook errors=" + Hooks.errors());
            }
        }
        return nodes;
    }
}
