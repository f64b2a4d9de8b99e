package dev.shadowheap.agent.track;

import dev.shadowheap.heap.IntStack;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.ThreadState;

/**
 * Turns the JVM's verdicts into {@link ShadowHeap#hostReleased}: finds the tracked objects the collector cleared and
 * releases them. Runs on its own daemon thread, on which hooks are suspended, and is also called at exit to force
 * collections until no more deaths are found.
 *
 * <p>Deaths are found by sweeping the tracked objects' weak references, not from a reference queue. A queue costs
 * the JVM's reference handler a write into every dead reference (its {@code next} and {@code queue} fields), and
 * since most references are old by the time their object dies, each write dirties a card that G1's refinement
 * threads then scan: together more CPU than the releases themselves. A sweep only reads. After each collection
 * ({@link CollectionTicks}) it reads the references registered since the last one, and those of the sweep before
 * (objects that survived one collection often die in the next); every reference is read in a full sweep, spaced so
 * that full sweeps take at most a {@value #FULL_SWEEP_SPACING}th of this thread's time.
 *
 * <p>Deaths come in bursts of thousands, so they are handled in batches: one acquisition of the identity table's
 * lock to forget a batch, and one of the heap's structural lock per {@value #HEAP_LOCK_SPAN} of its
 * {@code hostReleased} calls (which then re-enter it cheaply) instead of two per death.
 */
public final class DeathWatcher implements Runnable {

    private static final int BATCH = 1024;
    /**
     * Deaths released per hold of the heap's lock: a release may cascade through a whole chain, and
     * allocating threads wait for that lock, so it is held for a bounded span rather than a whole batch.
     */
    private static final int HEAP_LOCK_SPAN = 64;
    /** How long the thread waits for a collection before it considers a full sweep anyway. */
    private static final long TICK_WAIT_MILLIS = 200;
    /** A full sweep starts only once this many times its last duration has passed since it ended. */
    private static final int FULL_SWEEP_SPACING = 20;
    /**
     * Collections the JVM may run during one sweep before this thread counts as behind and allocations wait for it
     * ({@link DeathBacklog}): each brings deaths of its own, which the sweep running cannot release.
     */
    static final int LAG_LIMIT = 2;
    /** Deaths a sweep must have found for its lag to count: ten full batches. */
    private static final int LAG_MIN_DEATHS = 10 * BATCH;

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final AgentCounters counters;
    private final CollectionTicks ticks = new CollectionTicks();
    private final DeathBacklog backlog;
    /** The JVM's collection count when the sweep running began; -1 outside the death thread's own sweeps. */
    private long sweepStartCount = -1;
    /** Deaths the sweep running has found so far. */
    private long foundThisSweep;
    private final TrackedRef[] batch = new TrackedRef[BATCH];
    private int batched;
    /**
     * Ids that were fresh at a young sweep and still live then: read once more after the JVM's next collection, since
     * most of them were merely too young to have met one.
     */
    private IntStack survivors = new IntStack(1 << 12);
    /** The JVM's collection count when {@link #survivors} were last found live. */
    private long survivorsSeenAt;
    /** The list handed to the identity table in exchange for the fresh ids it takes. */
    private IntStack spare = new IntStack(1 << 12);
    private boolean collectedSinceFullSweep;
    private long fullSweepEndedNanos;
    private long fullSweepNanos;
    private volatile boolean stopped;

    DeathWatcher(ShadowHeap heap, ObjectIds ids, AgentCounters counters, DeathBacklog backlog) {
        this.heap = heap;
        this.ids = ids;
        this.counters = counters;
        this.backlog = backlog;
    }

    @Override
    public void run() {
        ThreadState.suspendHooks();
        try {
            while (!stopped) {
                try {
                    boolean collected = ticks.await(TICK_WAIT_MILLIS);
                    sweepAfter(collected);
                } catch (RuntimeException | Error e) {
                    counters.internalErrors.increment();
                    backlog.lagging(false); // a failing sweep is no reason to hold the program back
                }
            }
        } catch (InterruptedException e) {
            // asked to end
        } finally {
            backlog.lagging(false); // nothing will catch up any more
        }
    }

    /** Stops the thread; allocations no longer wait for it. */
    public void stop() {
        stopped = true;
        backlog.lagging(false);
    }

    /**
     * Finds and releases every death among all tracked objects the collector has cleared so far; returns how many.
     * Synchronized, as every sweep is: the death thread and the exit step may both sweep, and they share the lists.
     */
    public synchronized int sweepAll() {
        long start = System.nanoTime();
        int released = 0;
        for (TrackedRef ref : ids.refsById()) {
            if (ref != null && ref.isDead()) {
                released += add(ref);
            }
        }
        released += flush();
        long end = System.nanoTime();
        fullSweepNanos = end - start;
        fullSweepEndedNanos = end;
        collectedSinceFullSweep = false;
        return released;
    }

    /**
     * The death thread's sweeps, after which it says whether it is behind: whether the collector ran
     * {@value #LAG_LIMIT} times or more meanwhile (their deaths are for the next sweep, which will be as long) while
     * this one had deaths to release. Collections in quick succession that report few deaths (a full heap, or G1's
     * young collections, see docs/agent.md) are no lag of this thread's: holding the program back would not help.
     */
    private synchronized void sweepAfter(boolean collected) {
        sweepStartCount = ticks.count();
        foundThisSweep = 0;
        try {
            if (collected) {
                collectedSinceFullSweep = true;
                sweepYoung();
            }
            if (collectedSinceFullSweep
                    && System.nanoTime() - fullSweepEndedNanos >= FULL_SWEEP_SPACING * fullSweepNanos) {
                sweepAll();
            }
            backlog.lagging(!stopped && lagged());
        } finally {
            sweepStartCount = -1;
        }
    }

    private boolean lagged() {
        return foundThisSweep >= LAG_MIN_DEATHS && ticks.count() - sweepStartCount >= LAG_LIMIT;
    }

    /**
     * Reads the references of the ids registered since the last young sweep, and of the survivors of earlier ones once
     * a collection has run since they were found live.
     *
     * <p>A survivor must meet a collection that began after it was read before its second read means anything: a
     * sweep often starts on a collection that ran while the sweep before was still releasing, after that sweep had read
     * its ids. Read again then, the objects made after that collection were all still live, and would have counted as
     * old, their deaths left to the rare full sweeps.
     */
    private void sweepYoung() {
        // (where collections cannot be counted, every sweep reads them again, as it comes after a wait)
        if (!ticks.counting() || ticks.count() > survivorsSeenAt) { // the count was read after they were
            for (int i = 0; i < survivors.size(); i++) {
                addIfDead(survivors.get(i)); // the live ones count as old from now: full sweeps find their deaths
            }
            survivors.clear();
        }
        IntStack fresh = ids.takeFresh(spare);
        if (fresh == null) { // more than the table lists: the next full sweep finds their deaths
            spare = new IntStack(1 << 12);
        } else {
            for (int i = 0; i < fresh.size(); i++) {
                int id = fresh.get(i);
                if (!addIfDead(id)) {
                    survivors.push(id);
                }
            }
            spare = fresh;
        }
        survivorsSeenAt = ticks.count(); // after the reads: a collection counted later began after them
        flush();
    }

    /**
     * Batches the object under {@code id} if it died; true if it did, or if the id is no longer in use. An id read
     * twice in one sweep, or released and given to a new object since it was listed, is harmless: the identity table
     * forgets a reference only once, and a new object's reference is simply read.
     */
    private boolean addIfDead(int id) {
        TrackedRef ref = ids.refOf(id);
        if (ref == null) {
            return true;
        }
        if (!ref.isDead()) {
            return false;
        }
        add(ref);
        return true;
    }

    /** Batches a dead reference, releasing the batch when full; returns how many that released. */
    private int add(TrackedRef dead) {
        batch[batched++] = dead;
        return batched == BATCH ? flush() : 0;
    }

    private int flush() {
        int count = batched;
        batched = 0;
        if (count == 0) {
            return 0;
        }
        foundThisSweep += count;
        if (sweepStartCount >= 0 && !stopped && !backlog.isBehind() && lagged()) {
            backlog.lagging(true); // a long sweep: allocations wait from now, not only from its end
        }
        int forgotten = ids.forgetAll(batch, count);
        for (int start = 0; start < count; start += HEAP_LOCK_SPAN) {
            releaseUnderOneLock(start, Math.min(count, start + HEAP_LOCK_SPAN));
        }
        counters.deaths.add(forgotten);
        return forgotten;
    }

    private void releaseUnderOneLock(int from, int to) {
        heap.lock().lock();
        try {
            for (int i = from; i < to; i++) {
                TrackedRef dead = batch[i];
                batch[i] = null;
                if (dead != null) { // forgetAll nulls the ones removed already
                    heap.hostReleased(dead.id);
                }
            }
        } finally {
            heap.lock().unlock();
        }
    }

    /**
     * Forces full collections, each followed by a full sweep, until a round after the first finds no new deaths (at
     * most {@code maxRounds}). Returns the number of rounds run. A full collection clears every unreachable
     * object's reference before {@code System.gc()} returns, so nothing waits on the reference handler.
     */
    public int settle(int maxRounds) {
        int round = 0;
        while (round < maxRounds) {
            round++;
            System.gc();
            if (sweepAll() == 0 && round > 1) {
                break;
            }
        }
        return round;
    }
}
