package dev.shadowheap.agent.track;

import java.lang.ref.WeakReference;

/**
 * The link between a live Java object and its shadow id: weak, so it never keeps the object alive, and cleared when
 * the JVM's collector finds the object unreachable (which a sweep then notices). Nothing ever writes into one after
 * it is made: a write into an old object costs G1 a card to refine, and these are mostly old when their object dies.
 */
final class TrackedRef extends WeakReference<Object> {

    final int id;
    final int hash;
    /**
     * The offset of the object's id field, or {@link IdSlots#NONE} if the object is in the table's chains. An int, as
     * field offsets are: a reference per tracked object, 40 bytes rather than 48, is less for every collection to copy.
     */
    final int idSlot;

    TrackedRef(Object referent, int id, int hash, long idSlot) {
        super(referent);
        this.id = id;
        this.hash = hash;
        this.idSlot = (int) idSlot;
    }

    /** Whether the collector found the object unreachable; unlike {@code get()}, never keeps it alive. */
    boolean isDead() {
        return refersTo(null);
    }
}
