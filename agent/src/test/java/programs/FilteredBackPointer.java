package programs;

/**
 * Filter check, run with {@code include=programs.FilteredBackPointer$Node}: 50 two-node cycles are made by
 * {@code Node} itself; an {@link Unlinker} (a class outside the filter) clears the back-pointer of 25 of them
 * before all are dropped. Under reference counting the 25 unlinked pairs are freed and the other 25 leak: exactly
 * 50 leaked {@code Node}s. An agent that did not see the Unlinker's store would report 100.
 */
public final class FilteredBackPointer {

    static final class Node {
        Node next;
        Node prev;
        final int value;

        Node(int value) {
            this.value = value;
        }

        /** Makes this and a new node a cycle; returns the new node. */
        Node link(int otherValue) {
            Node other = new Node(otherValue);
            this.next = other;
            other.prev = this;
            return other;
        }
    }

    /** Not included: its own objects are not tracked, but its stores into tracked Nodes must be seen. */
    static final class Unlinker {
        int unlinked;

        void unlink(Node node) {
            node.next.prev = null;
            unlinked++;
        }
    }

    public static void main(String[] args) {
        Unlinker unlinker = new Unlinker();
        long sum = 0;
        for (int i = 0; i < 50; i++) {
            Node a = new Node(i);
            Node b = a.link(-i);
            if (i % 2 == 0) {
                unlinker.unlink(a);
            }
            sum += a.value + b.value;
        }
        System.out.println("sum=" + sum + " unlinked=" + unlinker.unlinked);
    }
}
