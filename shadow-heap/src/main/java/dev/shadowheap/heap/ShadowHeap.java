package dev.shadowheap.heap;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The shadow object graph: one entry per object a host (the Java agent, or a scenario standing in for a
 * Python program) allocated, with its class, shallow size, allocation site, reference count and
 * outgoing strong edges by slot. Storage is a handful of chunked int arrays: no Java object is made per
 * shadow object, and ids (ints, {@code 0} meaning null) are recycled once an object is freed.
 *
 * <h2>What the reference count counts</h2>
 * The count is the number of heap slots that hold the object, exactly as CPython counts references
 * from containers. References from stacks and locals are <em>not</em> counted (deferred reference
 * counting); instead every object starts <em>host-held</em>: the host may still reach it from places
 * the shadow does not see. {@link #hostReleased} says it no longer can (the JVM's GC found it
 * unreachable, or the Python program dropped its last local name). An object that is neither
 * host-held nor referenced from any slot is freed at once, releasing what it holds (the cascade of
 * CPython's {@code tp_dealloc}). An object that is not host-held but still referenced stays: when the
 * host is the JVM, that is an object reference counting alone would leak.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>{@link #store} may be called from any number of threads at once and takes no lock: the slot
 *       is swapped atomically and counts are changed with atomic adds, so after any set of stores
 *       every count equals the number of slots holding the object, whatever the interleaving. When
 *       stores to one slot race in the host itself, the shadow keeps whichever swap came last.</li>
 *   <li>Releasing and freeing (hostReleased, the free cascade, clearing slots) run under one reentrant
 *       structural lock, and {@link HeapListener}s are called under it. A store takes that lock only when
 *       it drops the last reference to an object that is no longer host-held.</li>
 *   <li>{@link #allocate} does not wait for the structural lock. A model may hold that lock for a whole
 *       collection, and the host's threads must not stop allocating meanwhile: the new object's record is
 *       written under a short leaf lock of its own (free ids and regions, the tables' growth, the totals),
 *       and the listeners are told at once if the structural lock is free, or else by whichever thread holds
 *       it next, at {@link #catchUp}, which {@link #hostReleased} and the models call. An object is
 *       host-held until {@code hostReleased}, so no listener hears of its release or free before its
 *       allocation; allocations are told in the order their ids were handed out.</li>
 *   <li>Readers ({@link #refcount}, {@link #target}, ...) take no lock; what they see is consistent
 *       for objects no other thread is changing. Models that need a stable graph (the cycle
 *       collector) hold the structural lock via {@link #lock()}; they only ever free objects that are
 *       not host-held, and no host thread can store into or point at those any more, so concurrent
 *       stores elsewhere cannot change the outcome. Slots they read may hold objects allocated after
 *       they took the lock, whose allocation their listeners have not been told yet.</li>
 * </ul>
 */
public final class ShadowHeap {

    /** The id that stands for null. */
    public static final int NULL = 0;

    private static final int LIVE = 1;
    private static final int HOST_HELD = 2;
    private static final int PINNED = 4;

    // Hot record, 4 ints per id so that one cache line serves a store: count, flags, slot region.
    private static final int HOT_STRIDE = 4;
    private static final int RC = 0;
    private static final int FLAGS = 1;
    private static final int SLOT_BASE = 2;
    private static final int SLOT_COUNT = 3;
    // Cold record: what reports and models read.
    private static final int COLD_STRIDE = 4;
    private static final int CLASS = 0;
    private static final int SIZE = 1;
    private static final int SITE = 2;
    private static final int SERIAL = 3;

    /** Slot regions larger than this get an int[] of their own instead of space in the shared chunks. */
    public static final int MAX_SMALL_REGION = 1024;

    private final ClassTable classes = new ClassTable();
    private final SiteTable sites;
    private final IntChunks hot = new IntChunks();
    private final IntChunks cold = new IntChunks();
    private final IntChunks slots = new IntChunks();
    private volatile int[][] bigRegions = new int[16][];
    private final StructuralLock lock = new StructuralLock();
    private final CallbackArray<HeapListener> listeners = new CallbackArray<>(new HeapListener[0]);

    /**
     * The leaf lock of allocation: guards the id and region free lists, the tables' growth and the totals. It is
     * held for a few array writes, and nothing else is locked while it is held.
     */
    private final Object allocation = new Object();
    // Guarded by allocation.
    private volatile int idLimit = 1;
    private final IntStack freeIds = new IntStack();
    private int slotTop;
    private final IntStack[] freeRegions = new IntStack[MAX_SMALL_REGION + 1];
    private final IntStack freeBigIndices = new IntStack();
    private int bigCount;
    /** Allocations made while another thread held the structural lock, in id order; guarded by allocation. */
    private final IntStack untold = new IntStack();
    /** Whether {@link #untold} has any: read without the allocation lock, to spare {@link #catchUp} it. */
    private volatile boolean anyUntold;
    /** Untold allocations at which an allocating thread waits for the structural lock after all. */
    static final int MAX_UNTOLD = 1 << 20;
    private final int maxUntold;
    private int serial;
    private long liveObjects;
    private long liveSlots;
    private long allocations;
    private long allocatedBytes;
    private long frees;

    // Guarded by lock.
    /** Allocations whose listeners are being told, oldest first (a listener may allocate, and so add to it). */
    private final IntQueue toTell = new IntQueue();
    private final IntStack cascade = new IntStack();
    private final IntStack cascadeCursor = new IntStack();
    private boolean draining;

    public ShadowHeap() {
        this(new SiteTable());
    }

    /**
     * A heap whose allocation sites are numbered in {@code sites}, which other heaps may share: a host that
     * models its run as a series of heaps (one per tracking window) hands out site ids once, at instrumentation.
     */
    public ShadowHeap(SiteTable sites) {
        this(sites, MAX_UNTOLD);
    }

    /** @param maxUntold allocations left for another thread to tell before an allocating thread waits (for tests) */
    ShadowHeap(SiteTable sites, int maxUntold) {
        if (sites == null) {
            throw new IllegalArgumentException("ShadowHeap: site table must not be null");
        }
        this.sites = sites;
        this.maxUntold = maxUntold;
    }

    public ClassTable classes() {
        return classes;
    }

    public SiteTable sites() {
        return sites;
    }

    public void addListener(HeapListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HeapListener listener) {
        listeners.remove(listener);
    }

    /** The structural lock, for models that need the graph to hold still while they walk it. */
    public StructuralLock lock() {
        return lock;
    }

    // ------------------------------------------------------------------------------------------
    // Allocation

    /** A new host-held instance of a non-array class; its slots are the class's reference fields. */
    public int allocate(int classId, int shallowSize, int siteId) {
        ShadowClass shadowClass = classes.get(classId);
        if (shadowClass.isArray()) {
            throw new IllegalArgumentException("allocate: " + shadowClass.name() + " is an array class; use allocateArray");
        }
        return allocate(shadowClass, shallowSize, siteId, shadowClass.slotCount(), 0);
    }

    /** A new host-held array of references with {@code length} slots. */
    public int allocateArray(int classId, int shallowSize, int siteId, int length) {
        ShadowClass shadowClass = classes.get(classId);
        if (!shadowClass.isArray()) {
            throw new IllegalArgumentException("allocateArray: " + shadowClass.name() + " is not an array class");
        }
        if (length < 0) {
            throw new IllegalArgumentException("allocateArray: negative length " + length);
        }
        return allocate(shadowClass, shallowSize, siteId, length, 0);
    }

    /**
     * A permanent object that is never released: the holder of a class's static fields (CPython's
     * module or type dict). Stores into its slots are the static roots.
     */
    public int allocatePinned(int classId, int shallowSize, int siteId) {
        ShadowClass shadowClass = classes.get(classId);
        return allocate(shadowClass, shallowSize, siteId, shadowClass.slotCount(), PINNED);
    }

    private int allocate(ShadowClass shadowClass, int shallowSize, int siteId, int slotCount, int extraFlags) {
        if (shallowSize < 0) {
            throw new IllegalArgumentException("allocate: negative size " + shallowSize + " for " + shadowClass.name());
        }
        sites.get(siteId); // validates
        boolean structural = lock.tryLock();
        try {
            int id;
            synchronized (allocation) {
                id = newRecord(shadowClass.id(), shallowSize, siteId, slotCount, extraFlags);
                if (structural) {
                    takeUntold(); // older than this one: told first
                    toTell.add(id);
                } else {
                    untold.push(id); // the thread holding the structural lock, or the next to take it, tells
                    anyUntold = true;
                    if (untold.size() < maxUntold) {
                        return id;
                    }
                }
            }
            if (!structural) {
                // A hold so long that this many allocations piled up (a collection of a huge heap): wait for it and
                // tell them, rather than let the backlog grow without bound.
                lock.lock();
                structural = true;
                catchUp();
                return id;
            }
            tellAllocations();
            return id;
        } finally {
            if (structural) {
                lock.unlock();
            }
        }
    }

    /** Writes a new object's record and publishes its id; called holding the allocation lock. */
    private int newRecord(int classId, int shallowSize, int siteId, int slotCount, int extraFlags) {
        int id;
        if (freeIds.isEmpty()) {
            id = idLimit;
            if (id == Integer.MAX_VALUE / HOT_STRIDE) {
                throw new IllegalStateException("shadow heap is full: " + id + " objects");
            }
            hot.ensure((long) (id + 1) * HOT_STRIDE);
            cold.ensure((long) (id + 1) * COLD_STRIDE);
        } else {
            id = freeIds.pop();
        }
        int h = id * HOT_STRIDE;
        int c = id * COLD_STRIDE;
        cold.set(c + CLASS, classId);
        cold.set(c + SIZE, shallowSize);
        cold.set(c + SITE, siteId);
        cold.set(c + SERIAL, ++serial);
        hot.set(h + RC, 0);
        hot.set(h + SLOT_BASE, newRegion(slotCount));
        hot.set(h + SLOT_COUNT, slotCount);
        hot.setVolatile(h + FLAGS, LIVE | HOST_HELD | extraFlags);
        if (id == idLimit) {
            idLimit = id + 1; // volatile publish after the record is complete
        }
        liveObjects++;
        liveSlots += slotCount;
        allocations++;
        allocatedBytes += shallowSize;
        return id;
    }

    /** Moves the allocations other threads made meanwhile to the queue to tell; called holding both locks. */
    private void takeUntold() {
        if (anyUntold) {
            for (int i = 0; i < untold.size(); i++) {
                toTell.add(untold.get(i));
            }
            untold.clear();
            anyUntold = false;
        }
    }

    /**
     * Tells the listeners of every allocation made while another thread held the structural lock. The caller holds
     * that lock. Models call it before they read or collect, so that what they see includes every object allocated
     * so far; cheap when there is nothing to tell.
     */
    public void catchUp() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("catchUp: the caller must hold the structural lock");
        }
        if (anyUntold) {
            synchronized (allocation) {
                takeUntold();
            }
        }
        tellAllocations();
    }

    private void tellAllocations() {
        // A listener may allocate (a callback run by a collection the allocation triggered): that object joins the
        // end of the queue, and this loop, or the nested call's own, tells it after the ones before it.
        while (!toTell.isEmpty()) {
            int id = toTell.poll();
            for (HeapListener listener : listeners.items()) {
                listener.allocated(this, id);
            }
        }
    }

    private int newRegion(int count) {
        if (count == 0) {
            return 0;
        }
        if (count > MAX_SMALL_REGION) {
            int index = freeBigIndices.isEmpty() ? bigCount++ : freeBigIndices.pop();
            int[][] regions = bigRegions;
            if (index >= regions.length) {
                regions = Arrays.copyOf(regions, regions.length * 2);
            }
            regions[index] = new int[count];
            bigRegions = regions; // volatile publish
            return -(index + 1);
        }
        IntStack reusable = freeRegions[count];
        if (reusable != null && !reusable.isEmpty()) {
            return reusable.pop();
        }
        // Regions never straddle a chunk, so that a slot's address is base + slot.
        int inChunk = slotTop & (IntChunks.CHUNK_SIZE - 1);
        if (inChunk + count > IntChunks.CHUNK_SIZE) {
            slotTop += IntChunks.CHUNK_SIZE - inChunk;
        }
        if (slotTop == 0) {
            slotTop = 1; // base 0 is reserved for "no slots"
        }
        int base = slotTop;
        slotTop += count;
        slots.ensure(slotTop);
        return base;
    }

    private void freeRegion(int base, int count) {
        if (count == 0) {
            return;
        }
        if (base < 0) {
            int index = -base - 1;
            bigRegions[index] = null;
            freeBigIndices.push(index);
            return;
        }
        IntStack reusable = freeRegions[count];
        if (reusable == null) {
            reusable = freeRegions[count] = new IntStack(4);
        }
        reusable.push(base);
    }

    // ------------------------------------------------------------------------------------------
    // Stores

    /**
     * {@code owner.slot = target}: the old target is taken from the shadow and released, the new one
     * gains a reference. {@code target} may be {@link #NULL}.
     */
    public void store(int owner, int slot, int target) {
        int[] ownerChunk;
        int o;
        int base;
        int[] targetChunk = null;
        int t = 0;
        try {
            // One bounds check covers a dead owner too: freeing sets its slot count to 0, and ids outside the
            // tables fail the array accesses; the slow path below then says exactly what was wrong.
            ownerChunk = hot.chunk(owner * HOT_STRIDE);
            o = IntChunks.offset(owner * HOT_STRIDE);
            if (Integer.compareUnsigned(slot, ownerChunk[o + SLOT_COUNT]) >= 0 || owner <= 0) {
                throw rejectedStore(owner, slot, target);
            }
            if (target != NULL) {
                targetChunk = hot.chunk(target * HOT_STRIDE);
                t = IntChunks.offset(target * HOT_STRIDE);
                if (target < 0 || (targetChunk[t + FLAGS] & LIVE) == 0) {
                    throw rejectedStore(owner, slot, target);
                }
            }
            base = ownerChunk[o + SLOT_BASE];
        } catch (NullPointerException | ArrayIndexOutOfBoundsException outsideTables) {
            throw rejectedStore(owner, slot, target);
        }
        if (targetChunk != null) {
            IntChunks.getAndAdd(targetChunk, t + RC, 1);
        }
        int old = base >= 0 ? slots.getAndSet(base + slot, target) : swapBig(base, slot, target);
        if (old != NULL) {
            release(old);
        }
    }

    private IllegalArgumentException rejectedStore(int owner, int slot, int target) {
        int h = checkedOwner(owner, "store");
        int count = hot.get(h + SLOT_COUNT);
        if (slot < 0 || slot >= count) {
            return new IllegalArgumentException("store: slot " + slot + " out of range for object " + owner
                    + " with " + count + " slots");
        }
        checkedOwner(target, "store target");
        return new IllegalArgumentException("store: rejected " + owner + "." + slot + " = " + target);
    }

    /**
     * Empties a slot of an object being freed, which no host thread can reach any more and so none can store into:
     * a read and a write, not the atomic swap a store needs (the cascade empties every slot of every object it frees).
     */
    private int takeFromDead(int base, int slot) {
        if (base >= 0) {
            int old = slots.getVolatile(base + slot);
            if (old != NULL) {
                slots.set(base + slot, NULL);
            }
            return old;
        }
        int[] region = bigRegions[-base - 1];
        int old = (int) BIG.getVolatile(region, slot);
        region[slot] = NULL;
        return old;
    }

    private int swapBig(int base, int slot, int target) {
        int[] region = bigRegions[-base - 1];
        return (int) BIG.getAndSet(region, slot, target);
    }

    private static final java.lang.invoke.VarHandle BIG =
            java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);

    private void release(int id) {
        int[] chunk = hot.chunk(id * HOT_STRIDE);
        int h = IntChunks.offset(id * HOT_STRIDE);
        if (IntChunks.getAndAdd(chunk, h + RC, -1) == 1 && (IntChunks.getVolatile(chunk, h + FLAGS) & HOST_HELD) == 0) {
            freeIfUnreferenced(id);
        }
    }

    /**
     * The host can no longer reach this object except through the slots the shadow knows. It is
     * freed at once if no slot holds it.
     */
    public void hostReleased(int id) {
        lock.lock();
        try {
            catchUp(); // the listeners hear of an allocation before its release
            int h = checkedOwner(id, "hostReleased");
            int flags = hot.get(h + FLAGS);
            if ((flags & (PINNED | HOST_HELD)) != HOST_HELD) {
                return; // pinned, or released already
            }
            hot.setVolatile(h + FLAGS, flags & ~HOST_HELD);
            for (HeapListener listener : listeners.items()) {
                listener.hostReleased(this, id);
            }
            if (hot.getVolatile(h + RC) == 0) {
                freeIfUnreferenced(id);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every reference the object holds, as CPython's {@code tp_clear} does; what loses its last
     * reference is freed. The object itself stays.
     */
    public void clearSlots(int id) {
        lock.lock();
        try {
            int h = checkedOwner(id, "clearSlots");
            int serialAtStart = cold.get(id * COLD_STRIDE + SERIAL);
            int count = hot.get(h + SLOT_COUNT);
            int base = hot.get(h + SLOT_BASE);
            // A release may cascade back to this object and free it (its last reference was from what it held). Its
            // id and region then go to the free lists, and an allocation on another thread, which does not wait for
            // this lock, may take both at once: same id, same region, slots filling. So each step first checks that
            // the id still names the object it began with; while it does, its count and base are the ones read here.
            for (int slot = 0; slot < count && isSameObject(h, id, serialAtStart); slot++) {
                int old = base >= 0 ? slots.getAndSet(base + slot, NULL) : swapBig(base, slot, NULL);
                if (old != NULL) {
                    release(old);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the record at {@code h} still holds the object that had {@code serial}. Its flags are read first: a new
     * object's flags are published after its serial, and freeing clears them on the freeing thread.
     */
    private boolean isSameObject(int h, int id, int serial) {
        return (hot.getVolatile(h + FLAGS) & LIVE) != 0 && cold.get(id * COLD_STRIDE + SERIAL) == serial;
    }

    private void freeIfUnreferenced(int id) {
        lock.lock();
        try {
            int h = id * HOT_STRIDE;
            int flags = hot.get(h + FLAGS);
            if ((flags & (LIVE | HOST_HELD | PINNED)) != LIVE || hot.getVolatile(h + RC) != 0) {
                return; // freed already, or something took a reference meanwhile
            }
            hot.set(h + FLAGS, 0); // not live: no second cascade may start on it
            cascade.push(id);
            cascadeCursor.push(hot.get(h + SLOT_COUNT));
            if (!draining) {
                drainCascade();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frees depth-first as CPython's deallocators do: an object releases its slots from the last to
     * the first, descending into each target that drops to zero, and is itself freed after them.
     * Iterative, so a million-node list does not overflow the stack.
     */
    private void drainCascade() {
        draining = true;
        try {
            while (!cascade.isEmpty()) {
                int id = cascade.peek();
                int cursor = cascadeCursor.peek();
                int h = id * HOT_STRIDE;
                if (cursor > 0) {
                    cursor--;
                    cascadeCursor.setTop(cursor);
                    int base = hot.get(h + SLOT_BASE);
                    int old = takeFromDead(base, cursor);
                    if (old != NULL) {
                        release(old); // may push onto the cascade
                    }
                    continue;
                }
                cascade.pop();
                cascadeCursor.pop();
                for (HeapListener listener : listeners.items()) {
                    listener.freed(this, id);
                }
                int count = hot.get(h + SLOT_COUNT);
                int base = hot.get(h + SLOT_BASE);
                hot.set(h + SLOT_BASE, 0);
                hot.set(h + SLOT_COUNT, 0);
                cold.set(id * COLD_STRIDE + CLASS, 0);
                synchronized (allocation) { // from here on, an allocation on another thread may take the id and region
                    freeRegion(base, count);
                    liveObjects--;
                    liveSlots -= count;
                    frees++;
                    freeIds.push(id);
                }
            }
        } finally {
            draining = false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reading

    private int checkedOwner(int id, String operation) {
        if (id <= 0 || id >= idLimit || (hot.getVolatile(id * HOT_STRIDE + FLAGS) & LIVE) == 0) {
            throw new IllegalArgumentException(operation + ": unknown object id " + id);
        }
        return id * HOT_STRIDE;
    }

    public boolean isLive(int id) {
        return id > 0 && id < idLimit && (hot.getVolatile(id * HOT_STRIDE + FLAGS) & LIVE) != 0;
    }

    public boolean isHostHeld(int id) {
        return (hot.getVolatile(checkedOwner(id, "isHostHeld") + FLAGS) & HOST_HELD) != 0;
    }

    public boolean isPinned(int id) {
        return (hot.get(checkedOwner(id, "isPinned") + FLAGS) & PINNED) != 0;
    }

    public int refcount(int id) {
        return hot.getVolatile(checkedOwner(id, "refcount") + RC);
    }

    public int slotCount(int id) {
        return hot.get(checkedOwner(id, "slotCount") + SLOT_COUNT);
    }

    /** The object in {@code owner.slot}, or {@link #NULL}. */
    public int target(int owner, int slot) {
        int h = checkedOwner(owner, "target");
        if (slot < 0 || slot >= hot.get(h + SLOT_COUNT)) {
            throw new IllegalArgumentException("target: slot " + slot + " out of range for object " + owner);
        }
        int base = hot.get(h + SLOT_BASE);
        return base >= 0 ? slots.getVolatile(base + slot) : (int) BIG.getVolatile(bigRegions[-base - 1], slot);
    }

    /** Calls {@code action} with each non-null target of {@code owner}, in slot order. */
    public void forEachTarget(int owner, IntConsumer action) {
        int h = checkedOwner(owner, "forEachTarget");
        int count = hot.get(h + SLOT_COUNT);
        int base = hot.get(h + SLOT_BASE);
        int[] big = base >= 0 ? null : bigRegions[-base - 1];
        for (int slot = 0; slot < count; slot++) {
            int target = big == null ? slots.getVolatile(base + slot) : (int) BIG.getVolatile(big, slot);
            if (target != NULL) {
                action.accept(target);
            }
        }
    }

    /**
     * Copies the slots of {@code owner} from {@code fromSlot} on into {@code into} at {@code intoIndex}
     * (null slots as {@link #NULL}), as many as fit, and returns how many were copied: 0 once
     * {@code fromSlot} reaches the slot count. For models that walk the whole graph (the cycle
     * collector): one call per object instead of a callback per edge, and no allocation. Slots stored
     * concurrently may be seen before or after the store, as with {@link #target}.
     */
    public int copySlots(int owner, int fromSlot, int[] into, int intoIndex) {
        if (owner <= 0 || owner >= idLimit || fromSlot < 0 || into == null || intoIndex < 0 || intoIndex > into.length) {
            checkedOwner(owner, "copySlots");
            throw new IllegalArgumentException("copySlots: bad start slot " + fromSlot + ", buffer or buffer index "
                    + intoIndex + " for object " + owner);
        }
        // The whole hot record from one chunk lookup: this runs once per object per collection pass.
        int[] record = hot.chunk(owner * HOT_STRIDE);
        int o = IntChunks.offset(owner * HOT_STRIDE);
        if ((IntChunks.getVolatile(record, o + FLAGS) & LIVE) == 0) {
            checkedOwner(owner, "copySlots"); // throws: not live
        }
        int n = Math.min(record[o + SLOT_COUNT] - fromSlot, into.length - intoIndex);
        if (n <= 0) {
            return 0;
        }
        int base = record[o + SLOT_BASE];
        if (base >= 0) {
            // A small region never straddles a chunk: one array holds all of it.
            int[] chunk = slots.chunk(base);
            int from = IntChunks.offset(base) + fromSlot;
            for (int i = 0; i < n; i++) { // most objects have a few slots: cheaper than an arraycopy call
                into[intoIndex + i] = chunk[from + i];
            }
        } else {
            System.arraycopy(bigRegions[-base - 1], fromSlot, into, intoIndex, n);
        }
        return n;
    }

    /**
     * The reference count plus one when the host holds the object or it is pinned: every reference
     * to it that CPython would count, as far as the shadow knows. One read of the object's record, for
     * models that need it for every object (the cycle collector's {@code update_refs}).
     */
    public int refcountIncludingHost(int id) {
        if (id <= 0 || id >= idLimit) {
            checkedOwner(id, "refcountIncludingHost");
        }
        int[] record = hot.chunk(id * HOT_STRIDE);
        int o = IntChunks.offset(id * HOT_STRIDE);
        int flags = IntChunks.getVolatile(record, o + FLAGS);
        if ((flags & LIVE) == 0) {
            checkedOwner(id, "refcountIncludingHost"); // throws: not live
        }
        return IntChunks.getVolatile(record, o + RC) + ((flags & (HOST_HELD | PINNED)) != 0 ? 1 : 0);
    }

    public int classId(int id) {
        checkedOwner(id, "classId");
        return cold.get(id * COLD_STRIDE + CLASS);
    }

    public ShadowClass shadowClass(int id) {
        return classes.get(classId(id));
    }

    public int shallowSize(int id) {
        checkedOwner(id, "shallowSize");
        return cold.get(id * COLD_STRIDE + SIZE);
    }

    public int siteId(int id) {
        checkedOwner(id, "siteId");
        return cold.get(id * COLD_STRIDE + SITE);
    }

    /** Allocation serial number: the order in which live objects were allocated. */
    public int serial(int id) {
        checkedOwner(id, "serial");
        return cold.get(id * COLD_STRIDE + SERIAL);
    }

    /** One more than the highest id ever handed out: ids to scan are {@code 1 .. idLimit()-1}. */
    public int idLimit() {
        return idLimit;
    }

    /** Calls {@code action} with every live object that is neither host-held nor pinned. */
    public void forEachUnheld(IntConsumer action) {
        int limit = idLimit;
        for (int id = 1; id < limit; id++) {
            int flags = hot.getVolatile(id * HOT_STRIDE + FLAGS);
            if ((flags & (LIVE | HOST_HELD | PINNED)) == LIVE) {
                action.accept(id);
            }
        }
    }

    /** Calls {@code action} with every live object. */
    public void forEachLive(IntConsumer action) {
        int limit = idLimit;
        for (int id = 1; id < limit; id++) {
            if ((hot.getVolatile(id * HOT_STRIDE + FLAGS) & LIVE) != 0) {
                action.accept(id);
            }
        }
    }

    public long liveObjects() {
        synchronized (allocation) {
            return liveObjects;
        }
    }

    public long liveSlots() {
        synchronized (allocation) {
            return liveSlots;
        }
    }

    public long allocations() {
        synchronized (allocation) {
            return allocations;
        }
    }

    /** Shallow sizes of every object ever allocated, summed. */
    public long allocatedBytes() {
        synchronized (allocation) {
            return allocatedBytes;
        }
    }

    public long frees() {
        synchronized (allocation) {
            return frees;
        }
    }

    /** Bytes of Java heap the shadow's own storage occupies (chunk arrays and region tables). */
    public long storageBytes() {
        synchronized (allocation) {
            long bytes = hot.capacityBytes() + cold.capacityBytes() + slots.capacityBytes() + freeIds.capacityBytes();
            for (int[] region : bigRegions) {
                if (region != null) {
                    bytes += 16L + 4L * region.length;
                }
            }
            for (IntStack stack : freeRegions) {
                if (stack != null) {
                    bytes += stack.capacityBytes();
                }
            }
            return bytes + untold.capacityBytes();
        }
    }
}
