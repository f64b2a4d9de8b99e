package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;

/** A hand-written doubly-linked list: every pair of neighbours points at each other. */
public final class DoublyLinkedListApp implements SampleApp {
    static final int CYCLIC_LISTS = 250;
    static final int NODES_PER_LIST = 4;
    static final int SINGLETON_LISTS = 100;

    /** A list node; {@code next} and {@code prev} close a two-edge loop between neighbours. */
    static final class Node {
        Node prev;
        Node next;
        final Payload payload;

        Node(Payload payload) {
            this.payload = payload;
        }
    }

    /** The list head object: it points into the nodes, nothing points back at it. */
    static final class DoublyLinkedList {
        Node head;
        Node tail;

        void append(Payload payload) {
            Node node = new Node(payload);
            if (tail == null) {
                head = node;
            } else {
                tail.next = node;
                node.prev = tail;
            }
            tail = node;
        }

        int sum() {
            int sum = 0;
            for (Node node = head; node != null; node = node.next) {
                sum += node.payload.value();
            }
            return sum;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new DoublyLinkedListApp());
    }

    @Override
    public void run(SampleContext context) {
        long total = 0;
        for (int i = 0; i < CYCLIC_LISTS; i++) {
            total += buildAndDrop(context, NODES_PER_LIST, i);
        }
        // The list object has no referrer, so it is freed when dropped and releases head and tail. Every
        // node keeps a count from its neighbours' next/prev, so the 4 nodes of a list stay one strongly
        // connected component; its shortest cycle is one next and one prev. Each node's payload is held
        // only by the node: one hanger-on per node.
        context.expect()
                .cycles(Shape.of(Label.field(Node.class, "next"), Label.field(Node.class, "prev")),
                        CYCLIC_LISTS, (long) CYCLIC_LISTS * NODES_PER_LIST)
                .hangersOn((long) CYCLIC_LISTS * NODES_PER_LIST);

        // A one-node list has no neighbour links: its node and payload are freed with the list.
        for (int i = 0; i < SINGLETON_LISTS; i++) {
            total += buildAndDrop(context, 1, i);
        }
        context.out().println("doubly-linked lists built: " + (CYCLIC_LISTS + SINGLETON_LISTS)
                + ", payload sum " + total);
    }

    private static int buildAndDrop(SampleContext context, int length, int seed) {
        DoublyLinkedList list = new DoublyLinkedList();
        for (int n = 0; n < length; n++) {
            list.append(new Payload(seed * length + n));
        }
        int sum = list.sum();
        context.letGo(list);
        return sum;
    }
}
