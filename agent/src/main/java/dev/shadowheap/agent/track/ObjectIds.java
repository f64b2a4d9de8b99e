package dev.shadowheap.agent.track;

import dev.shadowheap.agent.instrument.IdField;
import dev.shadowheap.heap.IntStack;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identity map from live Java objects to shadow ids, and back. Keys are held weakly through {@link TrackedRef}s, kept
 * by id, and chained by id in buckets of {@link System#identityHashCode} (which collides, so a bucket is compared by
 * identity). Deaths are found by sweeping those references ({@link DeathWatcher}); the ids registered since the last
 * sweep are kept apart, so that a sweep after a young collection reads only those.
 *
 * <p>The buckets and chains are {@code int}s, not references: storing a young reference into an old array costs G1 a
 * card to refine, and the buckets are old and written at random. The one reference store per registration is into
 * the array by id, whose neighbouring ids are mostly registered together.
 *
 * <p>Objects whose class has the agent's {@link IdField} (application classes defined after start-up) are not put in
 * the table: their id is written into the object itself, packed with its identity hash and this table's epoch, and
 * read back from there; only their weak reference is kept, for deaths and {@link #objectOf}.
 *
 * <p>Lookups, the hot path of every store, take no lock and allocate nothing. Registration and removal
 * are serialized by one lock. A resize relinks chains while readers may be walking them, and an id unlinked and given
 * to a new object is relinked into another chain; a sequence number (odd while resizing, and bumped after removals)
 * makes a reader that found nothing while either happened look again.
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
    /** Far longer than any chain at the table's load factor; only a walk that raced changes goes on this long. */
    private static final int MAX_WALK = 1 << 16;
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
    /** The first id in each bucket's chain, 0 for none. */
    private volatile int[] buckets = new int[INITIAL_CAPACITY];
    /** The next id in each id's chain, 0 at the end; indexed by id, as {@link #byId}. */
    private volatile int[] chainNext = new int[INITIAL_CAPACITY];
    /** Odd while a resize relinks the chains; bumped by two after removals. See {@link #idInTable}. */
    private volatile int changes;
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

    /**
     * Walks the object's chain. A walk that raced a resize or a removal may have followed a link that was being
     * changed, and can only miss (every id found is checked against the object): so a miss is trusted only if no
     * change began or ran meanwhile. A racing walk may even go round in circles, hence the bound on its steps.
     */
    private int idInTable(Object object, int hash) {
        while (true) {
            int sequence = changes;
            int[] heads = buckets;
            int id = Memory.intElementAcquire(heads, hash & (heads.length - 1));
            for (int steps = 0; id != 0 && steps < MAX_WALK; steps++) {
                TrackedRef ref = refOf(id);
                if (ref != null && ref.hash == hash && ref.refersTo(object)) {
                    return id;
                }
                int[] links = chainNext;
                id = id < links.length ? Memory.intElementAcquire(links, id) : 0;
            }
            if ((sequence & 1) == 0 && sequence == changes) {
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
            TrackedRef ref = new TrackedRef(object, id, hash, slot);
            TrackedRef[] refs = byId;
            if (id >= refs.length) {
                int length = Math.max(id + 1, refs.length * 2);
                chainNext = java.util.Arrays.copyOf(chainNext, length);
                refs = java.util.Arrays.copyOf(refs, length);
            }
            refs[id] = ref;
            byId = refs;
            size++;
            if (slot != IdSlots.NONE) {
                Memory.setLongRelease(object, slot, IdField.pack(hash, epoch, id));
            } else {
                if (chained >= buckets.length - (buckets.length >> 2)) {
                    resize();
                }
                chained++;
                int[] heads = buckets;
                int index = hash & (heads.length - 1);
                chainNext[id] = heads[index];
                Memory.setIntElementRelease(heads, index, id); // publishes the link above with it
            }
            if (fresh.size() < FRESH_LIMIT) {
                fresh.push(id);
            } else {
                freshDropped = true;
            }
            return id;
        }
    }

    private void resize() {
        int[] old = buckets;
        int[] grown = new int[old.length < FAST_GROWTH_LIMIT ? old.length * 4 : old.length * 2];
        int[] links = chainNext;
        TrackedRef[] refs = byId;
        changes++; // odd: chains are being relinked
        for (int head : old) {
            for (int id = head; id != 0; ) {
                int next = links[id];
                int index = refs[id].hash & (grown.length - 1);
                links[id] = grown[index];
                grown[index] = id;
                id = next;
            }
        }
        buckets = grown;
        changes++;
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

    /** The live object behind a shadow id, or null if it died or was never tracked. */
    public Object objectOf(int id) {
        TrackedRef ref = refOf(id);
        return ref == null ? null : ref.get();
    }

    /** The reference behind an id, or null; read without the lock. */
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
            // Once a reader that began before these removals looks again, it cannot reach an unlinked id any more,
            // which may be given to a new object and relinked into another chain once the lock is released.
            changes += 2;
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
        int[] heads = buckets;
        int[] links = chainNext;
        TrackedRef[] refs = byId;
        int index = dead.hash & (heads.length - 1);
        int previous = 0;
        for (int id = heads[index]; id != 0; previous = id, id = links[id]) {
            if (refs[id] == dead) {
                if (previous == 0) {
                    Memory.setIntElementRelease(heads, index, links[id]);
                } else {
                    Memory.setIntElementRelease(links, previous, links[id]);
                }
                refs[id] = null;
                size--;
                chained--;
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
