package dev.shadowheap.agent.track;

import dev.shadowheap.agent.instrument.IdField;
import dev.shadowheap.heap.IntStack;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identity map from live Java objects to shadow ids, and back. Keys are held weakly through
 * {@link TrackedRef}s, bucketed by {@link System#identityHashCode} (which collides, so a bucket is
 * compared by identity) and queued on death.
 *
 * <p>Objects whose class has the agent's {@link IdField} (application classes defined after start-up) are not put in
 * the table: their id is written into the object itself, packed with its identity hash and this table's epoch, and
 * read back from there; only their weak reference is kept, for deaths and {@link #objectOf}.
 *
 * <p>Lookups, the hot path of every store, take no lock and allocate nothing. Registration and removal
 * are serialized by one lock. A resize relinks chains while readers may be walking them; a sequence
 * number (odd while resizing) makes a reader that found nothing during a resize look again.
 */
public final class ObjectIds {

    /** Decides the shadow id of an object being registered; runs under the registration lock. */
    interface Allocator {
        int allocate(Object object, ClassLayout layout, int site);
    }

    private static final int INITIAL_CAPACITY = 1 << 16;
    /**
     * Up to this many buckets the table grows fourfold: a resize relinks every chain while holding the lock (each
     * entry a cache miss), and a program allocating millions of objects would otherwise go through a dozen of them.
     */
    private static final int FAST_GROWTH_LIMIT = 1 << 22;
    /** Tables made so far: each gets the next epoch, so that ids a closed window left in objects are not taken for its. */
    private static final AtomicInteger EPOCHS = new AtomicInteger();

    private final int epoch = EPOCHS.incrementAndGet();
    private final IdSlots idSlots = new IdSlots();

    /**
     * Most objects die young: after a young collection, the sweep reads the references of the ids registered since
     * the previous one, not the whole table. Beyond this many the list is dropped and the next full sweep finds them.
     */
    private static final int FRESH_LIMIT = 1 << 22;
    private IntStack fresh = new IntStack(1 << 12);
    private boolean freshDropped;
    /**
     * A monitor, not a {@code ReentrantLock}: the lock's own bookkeeping (its owner field) is a store in rewritten
     * JDK code, and every registration would pay a hook for it, twice.
     */
    private final Object lock = new Object();
    private volatile TrackedRef[] table = new TrackedRef[INITIAL_CAPACITY];
    private volatile int resizeSequence;
    private volatile TrackedRef[] byId = new TrackedRef[INITIAL_CAPACITY];
    private int size;
    /** Entries in the table's chains (objects without an id field): what the table's load factor counts. */
    private int chained;

    /** The shadow id of {@code object}, or 0 if it is null or not tracked. */
    public int idOf(Object object) {
        if (object == null) {
            return 0;
        }
        int hash = System.identityHashCode(object);
        long slot = idSlots.of(object.getClass());
        if (slot != IdSlots.NONE) {
            return IdField.unpack(Memory.longAcquire(object, slot), hash, epoch);
        }
        return idInTable(object, hash);
    }

    private int idInTable(Object object, int hash) {
        while (true) {
            int sequence = resizeSequence;
            TrackedRef[] buckets = table;
            TrackedRef ref = (TrackedRef) Memory.elementAcquire(buckets, hash & (buckets.length - 1));
            for (; ref != null; ref = ref.next) {
                if (ref.hash == hash && ref.refersTo(object)) {
                    return ref.id;
                }
            }
            if ((sequence & 1) == 0 && sequence == resizeSequence) {
                return 0;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Registers {@code object} with the id {@code allocator} gives it, unless it is registered already.
     * Returns the new id, or 0 if the object was already tracked (then the allocator is not called).
     */
    int registerIfAbsent(Object object, ClassLayout layout, int site, Allocator allocator) {
        return register(object, layout, site, allocator, true);
    }

    /**
     * Registers an object no other code can have seen yet (an array just made by {@code NEWARRAY}), skipping the
     * lookup that proves it absent: on a large table that lookup is a walk of a cold chain.
     */
    int registerFresh(Object object, ClassLayout layout, int site, Allocator allocator) {
        return register(object, layout, site, allocator, false);
    }

    private int register(Object object, ClassLayout layout, int site, Allocator allocator, boolean unlessPresent) {
        int hash = System.identityHashCode(object);
        long slot = idSlots.of(object.getClass());
        synchronized (lock) {
            if (unlessPresent && idOf(object) != 0) {
                return 0;
            }
            int id = allocator.allocate(object, layout, site);
            TrackedRef ref;
            if (slot != IdSlots.NONE) {
                ref = new TrackedRef(object, id, hash, null, slot);
                Memory.setLongRelease(object, slot, IdField.pack(hash, epoch, id));
            } else {
                if (chained >= table.length - (table.length >> 2)) {
                    resize();
                }
                chained++;
                TrackedRef[] buckets = table;
                int index = hash & (buckets.length - 1);
                ref = new TrackedRef(object, id, hash, buckets[index], IdSlots.NONE);
                Memory.setElementRelease(buckets, index, ref);
            }
            size++;
            TrackedRef[] refs = byId;
            if (id >= refs.length) {
                refs = java.util.Arrays.copyOf(refs, Math.max(id + 1, refs.length * 2));
            }
            refs[id] = ref;
            byId = refs;
            if (fresh.size() < FRESH_LIMIT) {
                fresh.push(id);
            } else {
                freshDropped = true;
            }
            return id;
        }
    }

    private void resize() {
        TrackedRef[] old = table;
        TrackedRef[] grown = new TrackedRef[old.length < FAST_GROWTH_LIMIT ? old.length * 4 : old.length * 2];
        resizeSequence++; // odd: chains are being relinked
        for (TrackedRef head : old) {
            TrackedRef ref = head;
            while (ref != null) {
                TrackedRef next = ref.next;
                int index = ref.hash & (grown.length - 1);
                ref.next = grown[index];
                grown[index] = ref;
                ref = next;
            }
        }
        table = grown;
        resizeSequence++;
    }

    /** The live object behind a shadow id, or null if it died or was never tracked. */
    public Object objectOf(int id) {
        TrackedRef ref = refOf(id);
        return ref == null ? null : ref.get();
    }

    /**
     * The ids registered since the last call, handed over in exchange for {@code empty} (cleared here), or null if
     * there were more than the list keeps: then only a sweep of every reference finds their deaths.
     */
    IntStack takeFresh(IntStack empty) {
        empty.clear();
        synchronized (lock) {
            IntStack taken = fresh;
            fresh = empty;
            boolean dropped = freshDropped;
            freshDropped = false;
            return dropped ? null : taken;
        }
    }

    /** The reference behind an id, or null: for sweeps, which read without the lock. */
    TrackedRef refOf(int id) {
        TrackedRef[] refs = byId;
        return id > 0 && id < refs.length ? refs[id] : null;
    }

    /**
     * The references by id as they are now, for a sweep of all of them (read only). A later registration may grow the
     * table past this array; what the sweep then misses is fresh, and the young sweeps cover it.
     */
    TrackedRef[] refsById() {
        return byId;
    }

    /**
     * Removes the entries of {@code count} dead objects under one lock acquisition; an entry removed
     * already is set to null in {@code dead}. Returns how many were removed.
     */
    int forgetAll(TrackedRef[] dead, int count) {
        int removed = 0;
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                if (unlink(dead[i])) {
                    removed++;
                } else {
                    dead[i] = null;
                }
            }
        }
        return removed;
    }

    /** Removes a dead object's entry; returns false if it was removed already. Called under the lock. */
    private boolean unlink(TrackedRef dead) {
        if (dead.idSlot != IdSlots.NONE) {
            TrackedRef[] refs = byId;
            if (refs[dead.id] != dead) {
                return false;
            }
            refs[dead.id] = null; // the object is unreachable: nothing reads its field again
            size--;
            return true;
        }
        TrackedRef[] buckets = table;
        int index = dead.hash & (buckets.length - 1);
        TrackedRef previous = null;
        for (TrackedRef ref = buckets[index]; ref != null; previous = ref, ref = ref.next) {
            if (ref == dead) {
                if (previous == null) {
                    Memory.setElementRelease(buckets, index, ref.next);
                } else {
                    previous.next = ref.next;
                }
                size--;
                chained--;
                TrackedRef[] refs = byId;
                if (refs[dead.id] == dead) {
                    refs[dead.id] = null;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Clears the id fields of the tracked objects still live, when this table's window closes: an object the next
     * window meets must not carry an id of this one (the epoch alone would repeat after 16 windows).
     */
    void clearIdFields() {
        synchronized (lock) {
            for (TrackedRef ref : byId) {
                Object object = ref == null || ref.idSlot == IdSlots.NONE ? null : ref.get();
                if (object != null && IdField.unpack(Memory.longAcquire(object, ref.idSlot), ref.hash, epoch) == ref.id) {
                    Memory.setLongRelease(object, ref.idSlot, 0);
                }
            }
        }
    }

    public int size() {
        synchronized (lock) {
            return size;
        }
    }
}
