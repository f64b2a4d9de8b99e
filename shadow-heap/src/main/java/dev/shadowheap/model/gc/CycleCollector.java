package dev.shadowheap.model.gc;

import static dev.shadowheap.model.gc.GcLists.COLLECTING;
import static dev.shadowheap.model.gc.GcLists.FINALIZED;
import static dev.shadowheap.model.gc.GcLists.FINALIZERS;
import static dev.shadowheap.model.gc.GcLists.GEN0;
import static dev.shadowheap.model.gc.GcLists.GEN1;
import static dev.shadowheap.model.gc.GcLists.GEN2;
import static dev.shadowheap.model.gc.GcLists.IN_GARBAGE;
import static dev.shadowheap.model.gc.GcLists.IN_UNREACHABLE;
import static dev.shadowheap.model.gc.GcLists.PERMANENT;
import static dev.shadowheap.model.gc.GcLists.STILL_UNREACHABLE;
import static dev.shadowheap.model.gc.GcLists.TRACKED;
import static dev.shadowheap.model.gc.GcLists.UNREACHABLE;

import dev.shadowheap.heap.CallbackArray;
import dev.shadowheap.heap.HeapListener;
import dev.shadowheap.heap.IntStack;
import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.StructuralLock;
import dev.shadowheap.model.CPythonProfile;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * CPython's cyclic garbage collector, run on a {@link ShadowHeap}: the {@code gc} module's state and
 * API (counts, thresholds, generations, stats, callbacks, freeze, {@code gc.garbage}, debug flags)
 * and the collection algorithm of {@code cpython-memory-model.md} §3, per {@link CPythonProfile}.
 *
 * <h2>Tracking and counting</h2>
 * Objects whose class {@linkplain ShadowClass#isContainer() is a container} are tracked when
 * allocated (appended to generation 0) and untracked when freed. Every container allocation adds 1
 * to generation 0's count and every container deallocation takes 1 off, floored at 0 — the rule of
 * the generational versions. 3.14.1–3.14.4 count at track/untrack time instead; on the shadow,
 * containers are tracked exactly from allocation to death, so both rules give the same numbers.
 *
 * <h2>When automatic collections run</h2>
 * The trigger condition is checked at each container allocation: {@code count0 > threshold0}, enabled,
 * {@code threshold0 != 0} and not already collecting. With {@link CPythonProfile.Trigger#INSIDE_ALLOCATION}
 * (3.8, 3.11) the collection runs inside {@link #allocated}, before the new object is tracked — so it is
 * not part of that collection, as in CPython. With {@link CPythonProfile.Trigger#EVAL_BREAKER}
 * (3.12+) the allocation only sets a pending flag; the host calls {@link #safepoint()} between
 * "bytecodes" and the collection runs there, re-selecting its generation then (nothing runs if
 * none qualifies any more).
 *
 * <h2>Threading</h2>
 * All state is guarded by the heap's structural lock: listener calls arrive under it, and every
 * public method takes it, first hearing of allocations made while another thread held it
 * ({@link ShadowHeap#catchUp}).
 */
public final class CycleCollector implements HeapListener {

    public static final int DEBUG_STATS = 1;
    public static final int DEBUG_COLLECTABLE = 2;
    public static final int DEBUG_UNCOLLECTABLE = 4;
    public static final int DEBUG_SAVEALL = 32;
    public static final int DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

    // Class facts copied into the per-object flags at allocation, since a freed object's class is no
    // longer readable through the heap's checked accessors.
    static final int CONTAINER = 1 << 8;
    static final int HAS_FINALIZE = 1 << 9;
    static final int HAS_LEGACY = 1 << 10;

    private static final int NUM_GENERATIONS = 3;

    private final ShadowHeap heap;
    private final CPythonProfile profile;
    private final StructuralLock lock;
    private final GcLists lists = new GcLists();
    private final Reachability reachability;
    private final IncrementalSpaces incremental;
    private final WeakRefTable weakRefs = new WeakRefTable();

    private final int[] count = new int[NUM_GENERATIONS];
    private final int[] threshold;
    private final long[][] stats = new long[NUM_GENERATIONS][3];
    private boolean enabled = true;
    private boolean collecting;
    private boolean pending;
    private int debug;
    private PrintStream debugOut = System.err;
    private long longLivedTotal;
    private long longLivedPending;
    private final IntStack garbage = new IntStack();
    private final List<GcCallback> callbacks = new CopyOnWriteArrayList<>();
    private final CallbackArray<UnreachableObserver> observers = new CallbackArray<>(new UnreachableObserver[0]);
    private FinalizerAction finalizerAction = FinalizerAction.NONE;

    // Scratch state of one collection, kept in fields so that a collection allocates nothing per object.
    private final IntStack weakRefsToCall = new IntStack();
    private final Map<Integer, WeakRefCallback> callbacksToCall = new HashMap<>();
    private long collected;
    private long uncollectable;
    /**
     * Which young collections can find nothing. An object can only be found unreachable if no host holds it
     * (a host-held object has an external reference no slot accounts for), and a host like the JVM holds nearly
     * every young object: its deaths arrive in batches, after its own collections. So the collector counts the
     * objects let go of (or tracked while not held) that may be in generation 0, and in generations 0 and 1:
     * an object is young if it was tracked after the last collection of those generations ({@code entered}
     * holds the value of {@code trackings} when it was tracked). While a count is 0, collecting those
     * generations moves every object to the next one and frees nothing, which is done without the walks.
     * The counts may overestimate (an object let go of and then freed is still counted), never underestimate.
     */
    private final GrowableInts entered = new GrowableInts();
    private int trackings;
    private int youngSince0;
    private int youngSince1;
    private int releasedInGen0;
    private int releasedInGens01;
    /** Off only in tests that compare both ways. */
    boolean skipWhenAllHeld = true;
    /** Collections that skipped the walks (for those tests). */
    long walksSkipped;
    private final IntConsumer legacyReachableVisitor;

    private CycleCollector(ShadowHeap heap, CPythonProfile profile) {
        this.heap = heap;
        this.profile = profile;
        this.lock = heap.lock();
        this.threshold = profile.defaultThresholds();
        this.reachability = new Reachability(heap, lists);
        this.incremental = profile.collector() == CPythonProfile.Collector.INCREMENTAL
                ? new IncrementalSpaces(heap, lists) : null;
        this.legacyReachableVisitor = target -> {
            if (lists.has(target, IN_UNREACHABLE)) {
                lists.clear(target, IN_UNREACHABLE | COLLECTING);
                lists.moveTo(FINALIZERS, target);
            }
        };
    }

    /**
     * A collector for {@code heap} behaving like {@code profile}, registered as its listener. Containers
     * already live are tracked in generation 0 without being counted. No other thread may allocate in the heap
     * meanwhile: an allocation not yet told to the heap's listeners would be tracked twice.
     */
    public static CycleCollector attach(ShadowHeap heap, CPythonProfile profile) {
        if (heap == null || profile == null) {
            throw new IllegalArgumentException("attach: heap and profile must not be null");
        }
        CycleCollector collector = new CycleCollector(heap, profile);
        heap.lock().lock();
        try {
            heap.forEachLive(id -> collector.start(id, false));
            heap.addListener(collector);
        } finally {
            heap.lock().unlock();
        }
        return collector;
    }

    public CPythonProfile profile() {
        return profile;
    }

    // ------------------------------------------------------------------------------------------
    // Heap events

    @Override
    public void allocated(ShadowHeap heap, int id) {
        start(id, true);
    }

    private void start(int id, boolean counted) {
        ShadowClass shadowClass = heap.shadowClass(id);
        if (!shadowClass.isContainer()) {
            lists.setFlags(id, 0);
            return;
        }
        int flags = CONTAINER;
        if (shadowClass.finalizer() == ShadowClass.Finalizer.FINALIZE) {
            flags |= HAS_FINALIZE;
        } else if (shadowClass.finalizer() == ShadowClass.Finalizer.LEGACY) {
            flags |= HAS_LEGACY;
        }
        lists.setFlags(id, flags);
        if (!counted) {
            track(id);
            return;
        }
        count[0]++;
        if (profile.trigger() == CPythonProfile.Trigger.INSIDE_ALLOCATION) {
            if (shouldTrigger()) {
                collectAutomatically(); // the new object is not tracked yet, as in CPython
            }
            track(id);
        } else {
            track(id);
            if (shouldTrigger()) {
                pending = true;
            }
        }
    }

    private void track(int id) {
        lists.add(id, TRACKED);
        lists.append(GEN0, id);
        entered.set(id, ++trackings);
        if (!heap.isHostHeld(id)) {
            releasedInGen0++;
            releasedInGens01++;
        }
        if (incremental != null) {
            incremental.tracked(id);
        }
    }

    @Override
    public void hostReleased(ShadowHeap heap, int id) {
        if ((lists.flags(id) & TRACKED) != 0) {
            int since = entered.get(id);
            if (since - youngSince0 > 0) { // wrap-safe: an object tracked long ago only overestimates
                releasedInGen0++;
            }
            if (since - youngSince1 > 0) {
                releasedInGens01++;
            }
        }
    }

    @Override
    public void freed(ShadowHeap heap, int id) {
        int flags = lists.flags(id);
        if (!weakRefs.isEmpty()) {
            weakRefDied(id);
            referentDied(id);
        }
        if ((flags & CONTAINER) != 0 && count[0] > 0) {
            count[0]--;
        }
        if ((flags & TRACKED) != 0) {
            lists.unlink(id);
            if (incremental != null) {
                incremental.untracked();
            }
        }
        if ((flags & IN_GARBAGE) != 0) {
            removeFromGarbage(id);
        }
        lists.setFlags(id, 0);
    }

    private void weakRefDied(int id) {
        if (weakRefs.isWeakRef(id)) {
            weakRefs.clear(id);
        }
    }

    /** Reference counting freed a referent: clear its weak references and call their callbacks. */
    private void referentDied(int id) {
        if (!weakRefs.hasWeakRefs(id)) {
            return;
        }
        IntStack toCall = new IntStack(4);
        Map<Integer, WeakRefCallback> calls = new HashMap<>();
        weakRefs.clearAllTo(id, toCall, calls, wr -> true);
        for (int i = 0; i < toCall.size(); i++) {
            int wr = toCall.get(i);
            calls.get(wr).referentDied(heap, wr);
        }
    }

    private void removeFromGarbage(int id) {
        int[] ids = garbage.toArray();
        garbage.clear();
        for (int g : ids) {
            if (g != id) {
                garbage.push(g);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Triggering

    /**
     * Takes the heap's structural lock and hears of the allocations other threads made while it was held elsewhere,
     * so that counts, generations and collections include every object allocated so far. Not in the middle of a
     * collection (a callback calling back): its generations are being split, and new objects wait for the next.
     */
    private void lockCaughtUp() {
        lock.lock();
        try {
            if (!collecting) {
                heap.catchUp();
            }
        } catch (RuntimeException | Error e) {
            lock.unlock(); // the caller's finally is not reached
            throw e;
        }
    }

    private boolean shouldTrigger() {
        return count[0] > threshold[0] && enabled && threshold[0] != 0 && !collecting;
    }

    /**
     * The eval-breaker check of 3.12+: runs the collection an allocation scheduled, if one is pending.
     * A host calls this between "bytecodes" (never while holding references the shadow does not
     * know of that should keep objects alive). Does nothing under INSIDE_ALLOCATION profiles.
     */
    public void safepoint() {
        lockCaughtUp();
        try {
            if (pending && !collecting) {
                pending = false;
                collectAutomatically();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when an allocation scheduled a collection that the next {@link #safepoint()} will run. */
    public boolean isCollectionPending() {
        lockCaughtUp();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private void collectAutomatically() {
        if (incremental != null) {
            collectWithCallbacks(1);
            return;
        }
        int generation = selectGeneration();
        if (generation >= 0) {
            collectWithCallbacks(generation);
        }
    }

    /** The oldest generation over its threshold, skipping a full collection under the 25 % rule. */
    private int selectGeneration() {
        for (int g = NUM_GENERATIONS - 1; g >= 0; g--) {
            if (count[g] > threshold[g]) {
                if (g == NUM_GENERATIONS - 1 && longLivedPending < longLivedTotal / 4) {
                    continue;
                }
                return g;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------
    // The gc module API

    /** {@code gc.collect(generation)}: collects even when disabled; returns collected + uncollectable. */
    public long collect(int generation) {
        if (generation < 0 || generation >= NUM_GENERATIONS) {
            throw new IllegalArgumentException("invalid generation " + generation + " (must be 0, 1 or 2)");
        }
        lockCaughtUp();
        try {
            if (collecting) {
                return 0; // CPython: already collecting, don't do anything
            }
            return collectWithCallbacks(generation);
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.collect()}: a full collection. */
    public long collect() {
        return collect(NUM_GENERATIONS - 1);
    }

    /** {@code gc.get_count()}. */
    public int[] getCount() {
        lockCaughtUp();
        try {
            return incremental != null ? incremental.publicCount(count) : count.clone();
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.get_threshold()}. */
    public int[] getThreshold() {
        lockCaughtUp();
        try {
            if (incremental != null) {
                return new int[] {threshold[0], threshold[1], 0};
            }
            return threshold.clone();
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.set_threshold(t0[, t1[, t2]])}: omitted thresholds keep their values; 0 disables. */
    public void setThreshold(int... thresholds) {
        if (thresholds == null || thresholds.length < 1 || thresholds.length > NUM_GENERATIONS) {
            throw new IllegalArgumentException("set_threshold takes 1 to 3 thresholds, got "
                    + (thresholds == null ? 0 : thresholds.length));
        }
        for (int i = 0; i < thresholds.length; i++) {
            if (thresholds[i] < 0) {
                throw new IllegalArgumentException("threshold" + i + " must not be negative: " + thresholds[i]);
            }
        }
        lockCaughtUp();
        try {
            System.arraycopy(thresholds, 0, threshold, 0, thresholds.length);
        } finally {
            lock.unlock();
        }
    }

    public void enable() {
        setEnabled(true);
    }

    public void disable() {
        setEnabled(false);
    }

    private void setEnabled(boolean value) {
        lockCaughtUp();
        try {
            enabled = value;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEnabled() {
        lockCaughtUp();
        try {
            return enabled;
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.get_stats()}: a snapshot per generation. */
    public GenerationStats[] getStats() {
        lockCaughtUp();
        try {
            GenerationStats[] result = new GenerationStats[NUM_GENERATIONS];
            for (int g = 0; g < NUM_GENERATIONS; g++) {
                result[g] = new GenerationStats(stats[g][0], stats[g][1], stats[g][2]);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code gc.freeze()}: every tracked object moves to the permanent generation, which is never
     * collected (its objects still hold real references). All generation counts are reset (checked
     * against 3.8–3.13 by the freeze scenario).
     */
    public void freeze() {
        lockCaughtUp();
        try {
            for (int g = GEN0; g <= GEN2; g++) {
                for (int id = lists.first(g); id != 0; id = lists.after(id, g)) {
                    lists.add(id, GcLists.FROZEN);
                }
                lists.splice(g, PERMANENT);
            }
            java.util.Arrays.fill(count, 0);
            if (incremental != null) {
                incremental.frozen(count);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.unfreeze()}: the permanent generation goes back into the oldest generation. */
    public void unfreeze() {
        lockCaughtUp();
        try {
            for (int id = lists.first(PERMANENT); id != 0; id = lists.after(id, PERMANENT)) {
                lists.clear(id, GcLists.FROZEN);
            }
            if (incremental != null) {
                incremental.unfreeze();
            } else {
                lists.splice(PERMANENT, GEN2);
            }
        } finally {
            lock.unlock();
        }
    }

    public int getFreezeCount() {
        lockCaughtUp();
        try {
            return lists.size(PERMANENT);
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.get_objects(generation)}: ids of the tracked objects in it, in list order. */
    public int[] getObjects(int generation) {
        if (generation < 0 || generation >= NUM_GENERATIONS) {
            throw new IllegalArgumentException("invalid generation " + generation + " (must be 0, 1 or 2)");
        }
        lockCaughtUp();
        try {
            if (incremental != null) {
                return incremental.objects(generation);
            }
            return lists.toArray(generation);
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.get_objects()}: every tracked object outside the permanent generation. */
    public int[] getObjects() {
        lockCaughtUp();
        try {
            int[] a = lists.toArray(GEN0);
            int[] b = lists.toArray(GEN1);
            int[] c = lists.toArray(GEN2);
            int[] all = java.util.Arrays.copyOf(a, a.length + b.length + c.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            System.arraycopy(c, 0, all, a.length + b.length, c.length);
            return all;
        } finally {
            lock.unlock();
        }
    }

    public boolean isTracked(int id) {
        lockCaughtUp();
        try {
            return heap.isLive(id) && lists.has(id, TRACKED);
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.is_finalized}: whether the object's PEP 442 finalizer has run. */
    public boolean isFinalized(int id) {
        lockCaughtUp();
        try {
            return heap.isLive(id) && lists.has(id, FINALIZED);
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.garbage}: ids in the order they were appended. */
    public int[] garbage() {
        lockCaughtUp();
        try {
            return garbage.toArray();
        } finally {
            lock.unlock();
        }
    }

    /** {@code gc.garbage.clear()}: the list's references go; the objects are collectable again. */
    public void clearGarbage() {
        lockCaughtUp();
        try {
            for (int i = 0; i < garbage.size(); i++) {
                lists.clear(garbage.get(i), IN_GARBAGE);
            }
            garbage.clear();
        } finally {
            lock.unlock();
        }
    }

    public void setDebug(int flags) {
        if ((flags & ~(DEBUG_STATS | DEBUG_LEAK)) != 0) {
            throw new IllegalArgumentException("unknown debug flags 0x" + Integer.toHexString(flags));
        }
        lockCaughtUp();
        try {
            debug = flags;
        } finally {
            lock.unlock();
        }
    }

    public int getDebug() {
        lockCaughtUp();
        try {
            return debug;
        } finally {
            lock.unlock();
        }
    }

    /** Where DEBUG_* output goes (CPython: the C stderr). */
    public void setDebugOutput(PrintStream out) {
        if (out == null) {
            throw new IllegalArgumentException("debug output must not be null");
        }
        lockCaughtUp();
        try {
            debugOut = out;
        } finally {
            lock.unlock();
        }
    }

    public void addCallback(GcCallback callback) {
        callbacks.add(requireNonNull(callback, "callback"));
    }

    public void removeCallback(GcCallback callback) {
        callbacks.remove(callback);
    }

    public void addUnreachableObserver(UnreachableObserver observer) {
        observers.add(requireNonNull(observer, "observer"));
    }

    public void removeUnreachableObserver(UnreachableObserver observer) {
        observers.remove(observer);
    }

    /** What running a PEP 442 finalizer does; by default nothing. */
    public void setFinalizerAction(FinalizerAction action) {
        finalizerAction = requireNonNull(action, "finalizer action");
    }

    /**
     * Makes {@code weakRefId} a weak reference to {@code referentId}, with an optional callback. The
     * weak reference is an ordinary shadow object (CPython's weakref objects are GC containers); the
     * weak edge is not a heap slot.
     */
    public void registerWeakRef(int weakRefId, int referentId, WeakRefCallback callback) {
        lockCaughtUp();
        try {
            if (!heap.isLive(weakRefId)) {
                throw new IllegalArgumentException("registerWeakRef: unknown weak reference object id " + weakRefId);
            }
            if (!heap.isLive(referentId)) {
                throw new IllegalArgumentException("registerWeakRef: unknown referent id " + referentId);
            }
            weakRefs.register(weakRefId, referentId, callback);
        } finally {
            lock.unlock();
        }
    }

    /** Calling the weak reference: its referent, or {@link ShadowHeap#NULL} once cleared. */
    public int weakRefTarget(int weakRefId) {
        lockCaughtUp();
        try {
            return weakRefs.referent(weakRefId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code n} to generation 0's count without a trigger check: allocations of GC-capable objects
     * the host made but the shadow does not model (for instance CPython objects taken from a type's
     * free list and parked there again, which count once). Used to replay a real interpreter's
     * incidental allocations, as measured by that interpreter.
     */
    public void countUnmodelledAllocations(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("countUnmodelledAllocations: negative count " + n);
        }
        lockCaughtUp();
        try {
            count[0] += n;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of Java heap the collector's per-object state occupies. */
    public long storageBytes() {
        lockCaughtUp();
        try {
            return lists.storageBytes();
        } finally {
            lock.unlock();
        }
    }

    private static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------
    // One collection

    private long collectWithCallbacks(int generation) {
        collecting = true;
        try {
            invokeCallbacks(GcCallback.Phase.START, new CollectionInfo(generation, 0, 0));
            collected = 0;
            uncollectable = 0;
            if (incremental == null) {
                collectGeneration(generation);
            } else {
                incremental.collect(this, generation, count, threshold);
            }
            stats[generation][0]++;
            stats[generation][1] += collected;
            stats[generation][2] += uncollectable;
            invokeCallbacks(GcCallback.Phase.STOP, new CollectionInfo(generation, collected, uncollectable));
            return collected + uncollectable;
        } finally {
            collecting = false;
        }
    }

    private void invokeCallbacks(GcCallback.Phase phase, CollectionInfo info) {
        for (GcCallback callback : callbacks) {
            callback.onCollection(phase, info);
        }
    }

    /** gc_collect_main of the generational collector. */
    private void collectGeneration(int generation) {
        long started = System.nanoTime();
        if ((debug & DEBUG_STATS) != 0) { // list sizes cost a walk: only when asked for
            printStatsHeader(generation, lists.size(GEN0), lists.size(GEN1), lists.size(GEN2));
        }
        if (generation + 1 < NUM_GENERATIONS) {
            count[generation + 1]++;
        }
        for (int g = 0; g <= generation; g++) {
            count[g] = 0;
        }
        for (int g = 0; g < generation; g++) {
            lists.splice(g, generation);
        }
        int young = generation;
        int old = generation + 1 < NUM_GENERATIONS ? generation + 1 : generation;
        boolean allHeld = skipWhenAllHeld && (generation == GEN0 ? releasedInGen0 == 0
                : generation == GEN1 && releasedInGens01 == 0);
        // From here on, what is tracked or let go of is young relative to this collection.
        youngSince0 = trackings;
        releasedInGen0 = 0;
        if (generation >= GEN1) {
            youngSince1 = trackings;
            releasedInGens01 = 0;
        }
        int survivors;
        if (allHeld) {
            // Every object has an external reference: all survive, in their order, as the walks would leave them.
            survivors = generation == NUM_GENERATIONS - 2 ? lists.size(young) : 0;
            walksSkipped++;
        } else {
            survivors = reachability.deduceUnreachable(young, UNREACHABLE);
        }
        if (young != old) {
            if (generation == NUM_GENERATIONS - 2) {
                longLivedPending += survivors;
            }
            lists.splice(young, old);
        } else {
            longLivedPending = 0;
            longLivedTotal = survivors;
        }
        handleUnreachable(generation, old, started);
    }

    /**
     * Steps 8–15 of a collection, once reachability is known and survivors are where they belong:
     * legacy finalizers, weak references, PEP 442 finalizers, resurrection, and freeing (or saving)
     * the rest. Sets {@link #collected} and {@link #uncollectable}.
     */
    void handleUnreachable(int generation, int old, long started) {
        moveLegacyFinalizers();
        if ((debug & DEBUG_COLLECTABLE) != 0) {
            printEach("collectable", UNREACHABLE);
        }
        handleWeakRefs();
        finalizeGarbage();
        int finalList = handleResurrection(old);
        long m = finalList < 0 ? 0 : lists.size(finalList);
        if (finalList >= 0) {
            notifyObservers(finalList, generation);
            deleteGarbage(finalList, old);
        }
        long n = lists.size(FINALIZERS);
        if ((debug & DEBUG_UNCOLLECTABLE) != 0) {
            printEach("uncollectable", FINALIZERS);
        }
        if ((debug & DEBUG_STATS) != 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            debugOut.printf(Locale.ROOT, "gc: done, %d unreachable, %d uncollectable, %.4fs elapsed%n", m + n, n, seconds);
        }
        handleLegacyFinalizers(old);
        collected = m;
        uncollectable = n;
    }

    void printStatsHeader(int generation, int size0, int size1, int size2) {
        debugOut.printf("gc: collecting generation %d...%n", generation);
        debugOut.printf("gc: objects in each generation: %d %d %d%n", size0, size1, size2);
        debugOut.printf("gc: objects in permanent generation: %d%n", lists.size(PERMANENT));
    }

    private void printEach(String what, int list) {
        for (int id = lists.first(list); id != 0; id = lists.after(id, list)) {
            debugOut.printf("gc: %s <%s 0x%x>%n", what, heap.shadowClass(id).displayName(), id);
        }
    }

    private void moveLegacyFinalizers() {
        int id = lists.first(UNREACHABLE);
        while (id != 0) {
            int next = lists.after(id, UNREACHABLE);
            if (lists.has(id, HAS_LEGACY)) {
                lists.clear(id, IN_UNREACHABLE | COLLECTING);
                lists.moveTo(FINALIZERS, id);
            }
            id = next;
        }
        // Everything reachable from a legacy finalizer goes with it; the list grows while it is walked.
        for (id = lists.first(FINALIZERS); id != 0; id = lists.after(id, FINALIZERS)) {
            heap.forEachTarget(id, legacyReachableVisitor);
        }
    }

    private void handleWeakRefs() {
        if (weakRefs.isEmpty()) {
            return;
        }
        weakRefsToCall.clear();
        callbacksToCall.clear();
        for (int id = lists.first(UNREACHABLE); id != 0; id = lists.after(id, UNREACHABLE)) {
            if (weakRefs.isWeakRef(id)) {
                weakRefs.clear(id); // garbage weak references are cleared, their callbacks never run
            }
            if (weakRefs.hasWeakRefs(id)) {
                weakRefs.clearAllTo(id, weakRefsToCall, callbacksToCall, wr -> !lists.has(wr, IN_UNREACHABLE));
            }
        }
        // All clearing first, then the callbacks: a callback never sees a half-cleared world.
        for (int i = 0; i < weakRefsToCall.size(); i++) {
            int wr = weakRefsToCall.get(i);
            callbacksToCall.get(wr).referentDied(heap, wr);
        }
        callbacksToCall.clear();
    }

    private void finalizeGarbage() {
        int seen = STILL_UNREACHABLE;
        int id;
        while ((id = lists.first(UNREACHABLE)) != 0) {
            lists.moveTo(seen, id);
            int flags = lists.flags(id);
            if ((flags & HAS_FINALIZE) != 0 && (flags & FINALIZED) == 0) {
                lists.add(id, FINALIZED);
                finalizerAction.finalize(heap, id);
            }
        }
        lists.splice(seen, UNREACHABLE);
    }

    /**
     * Returns the list holding what is still unreachable after finalizers ran, or -1 when 3.8's rule
     * put everything back because something was resurrected.
     */
    private int handleResurrection(int old) {
        if (profile.resurrection() == CPythonProfile.Resurrection.WHOLE_COLLECTION_ABORTS) {
            if (reachability.anyReferencedFromOutside(UNREACHABLE)) {
                for (int id = lists.first(UNREACHABLE); id != 0; id = lists.after(id, UNREACHABLE)) {
                    lists.clear(id, IN_UNREACHABLE | COLLECTING);
                }
                lists.splice(UNREACHABLE, old);
                return -1;
            }
            return UNREACHABLE;
        }
        for (int id = lists.first(UNREACHABLE); id != 0; id = lists.after(id, UNREACHABLE)) {
            lists.clear(id, IN_UNREACHABLE | COLLECTING);
        }
        reachability.deduceUnreachable(UNREACHABLE, STILL_UNREACHABLE);
        lists.splice(UNREACHABLE, old); // resurrected, and what they reach
        return STILL_UNREACHABLE;
    }

    private void notifyObservers(int list, int generation) {
        UnreachableObserver[] toNotify = observers.items();
        if (toNotify.length == 0 || lists.isEmpty(list)) {
            return;
        }
        int[] ids = lists.toArray(list);
        for (UnreachableObserver observer : toNotify) {
            observer.unreachable(heap, ids, generation);
        }
    }

    private void deleteGarbage(int list, int old) {
        int id;
        while ((id = lists.first(list)) != 0) {
            if ((debug & DEBUG_SAVEALL) != 0) {
                addToGarbage(id);
            } else {
                heap.clearSlots(id); // tp_clear: the release cascade frees what loses its last reference
            }
            if (lists.first(list) == id) {
                // Still alive (saved, or referenced from outside the cycle after all): it may die later.
                lists.clear(id, IN_UNREACHABLE | COLLECTING);
                lists.moveTo(old, id);
            }
        }
    }

    private void addToGarbage(int id) {
        garbage.push(id);
        lists.add(id, IN_GARBAGE);
    }

    private void handleLegacyFinalizers(int old) {
        boolean saveAll = (debug & DEBUG_SAVEALL) != 0;
        for (int id = lists.first(FINALIZERS); id != 0; id = lists.after(id, FINALIZERS)) {
            lists.clear(id, IN_UNREACHABLE | COLLECTING);
            if (saveAll || lists.has(id, HAS_LEGACY)) {
                addToGarbage(id);
            }
        }
        lists.splice(FINALIZERS, old);
    }

    // For the incremental collector.

    Reachability reachability() {
        return reachability;
    }

    int debugFlags() {
        return debug;
    }
}
