package programs;

/**
 * Objects copied with {@code clone()}, which copies every field, the agent's id field included: each copy must be
 * a tracked object of its own. 50 originals point at their copies and the copies back (100 leaked nodes); 50 more
 * originals point at copies that point nowhere (freed by reference counting). Were a copy taken for its original,
 * the first loop would leak nothing and the second would leak self-loops.
 */
public final class ClonedCycles {

    static final class Node implements Cloneable {
        Node peer;

        Node copy() {
            try {
                return (Node) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private ClonedCycles() {
    }

    public static void main(String[] args) {
        int linked = 0;
        for (int i = 0; i < 50; i++) {
            Node original = new Node();
            Node copy = original.copy();
            copy.peer = original;
            original.peer = copy;
            linked += original.peer.peer == original ? 1 : 0;
        }
        for (int i = 0; i < 50; i++) {
            Node original = new Node();
            Node copy = original.copy();
            original.peer = copy;
            linked += copy.peer == null ? 1 : 0;
        }
        System.out.println("linked " + linked);
    }
}
