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

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final AgentCounters counters;
    private final CollectionTicks ticks = new CollectionTicks();
    private final TrackedRef[] batch = new TrackedRef[BATCH];
    private int batched;
    /** Ids that were fresh at the last young sweep and still live: read once more at the next. */
    private IntStack survivors = new IntStack(1 << 12);
    /** The list handed to the identity table in exchange for the fresh ids it takes. */
    private IntStack spare = new IntStack(1 << 12);
    private boolean collectedSinceFullSweep;
    private long fullSweepEndedNanos;
    private long fullSweepNanos;
    private volatile boolean stopped;

    DeathWatcher(ShadowHeap heap, ObjectIds ids, AgentCounters counters) {
        this.heap = heap;
        this.ids = ids;
        this.counters = counters;
    }

    @Override
    public void run() {
        ThreadState.suspendHooks();
        while (!stopped) {
            try {
                boolean collected = ticks.await(TICK_WAIT_MILLIS);
                sweepAfter(collected);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                counters.internalErrors.increment();
            }
        }
    }

    public void stop() {
        stopped = true;
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

    private synchronized void sweepAfter(boolean collected) {
        if (collected) {
            collectedSinceFullSweep = true;
            sweepYoung();
        }
        if (collectedSinceFullSweep && System.nanoTime() - fullSweepEndedNanos >= FULL_SWEEP_SPACING * fullSweepNanos) {
            sweepAll();
        }
    }

    /** Reads the references of the ids registered since the last young sweep, and of that sweep's survivors. */
    private void sweepYoung() {
        for (int i = 0; i < survivors.size(); i++) {
            addIfDead(survivors.get(i)); // the live ones count as old from now: full sweeps find their deaths
        }
        survivors.clear();
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
