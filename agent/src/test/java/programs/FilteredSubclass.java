package programs;

/**
 * Filter check, run with {@code include=programs.FilteredSubclass$Node}: a tracked class whose superclass is left
 * out by the filter, and whose only back-pointer is set by that superclass's constructor. 40 pairs are linked
 * {@code a.partner = b} (by {@code Node}) and {@code b.owner = a} (by {@code Base}'s constructor, before {@code b} is
 * tracked); 20 pairs are unlinked again. Under reference counting exactly 20 pairs leak: 40 {@code Node}s. An agent
 * that lost the superclass constructor's store would report none, and one that counted it as a blind spot would say
 * the run was incomplete.
 */
public final class FilteredSubclass {

    /** Left out by the filter: its constructor does not report the object, but stores into it. */
    static class Base {
        Object owner;

        Base(Object owner) {
            this.owner = owner;
        }
    }

    static final class Node extends Base {
        Node partner;

        Node(Object owner) {
            super(owner);
        }
    }

    public static void main(String[] args) {
        int linked = 0;
        for (int i = 0; i < 40; i++) {
            Node a = new Node(null);
            Node b = new Node(a);
            a.partner = b;
            if (i % 2 == 0) {
                b.owner = null;
            } else {
                linked++;
            }
        }
        System.out.println("linked=" + linked);
    }
}
