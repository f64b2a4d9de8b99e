package programs;

/** Makes 50 two-node cycles (a.next = b, b.prev = a) and drops them: 100 leaked Nodes under pure RC. */
public final class DoublyLinkedCycle {

    static final class Node {
        Node next;
        Node prev;
        final int value;

        Node(int value) {
            this.value = value;
        }
    }

    public static void main(String[] args) {
        long sum = 0;
        for (int i = 0; i < 50; i++) {
            Node a = new Node(i);
            Node b = new Node(-i);
            a.next = b;
            b.prev = a;
            sum += a.next.value + b.prev.value;
        }
        // A chain without a cycle is freed by reference counting alone.
        Node head = new Node(0);
        head.next = new Node(1);
        head.next.next = new Node(2);
        System.out.println("sum=" + sum + " chain=" + head.next.next.value);
    }
}
