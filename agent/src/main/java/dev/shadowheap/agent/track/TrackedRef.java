package dev.shadowheap.agent.track;

import java.lang.ref.WeakReference;

/**
 * The link between a live Java object and its shadow id: weak, so it never keeps the object alive, and cleared when
 * the JVM's collector finds the object unreachable (which a sweep then notices). Also a chain node of
 * {@link ObjectIds}.
 */
final class TrackedRef extends WeakReference<Object> {

    final int id;
    final int hash;
    /** The offset of the object's id field, or {@link IdSlots#NONE} if the object is in the table's chains. */
    final long idSlot;
    /** Next in the same hash bucket; written only under the table's lock. */
    volatile TrackedRef next;

    TrackedRef(Object referent, int id, int hash, TrackedRef next, long idSlot) {
        super(referent);
        this.id = id;
        this.hash = hash;
        this.idSlot = idSlot;
        this.next = next;
    }

    /** Whether the collector found the object unreachable; unlike {@code get()}, never keeps it alive. */
    boolean isDead() {
        return refersTo(null);
    }
}
