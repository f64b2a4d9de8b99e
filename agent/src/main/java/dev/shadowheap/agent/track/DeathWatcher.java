package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.ThreadState;
import java.util.concurrent.TimeUnit;

/**
 * Turns the JVM's verdicts into {@link ShadowHeap#hostReleased}: drains the queue of tracked objects
 * the collector found unreachable. Runs on its own daemon thread, on which hooks are suspended, and is
 * also called at exit to force collections until no more deaths arrive.
 *
 * <p>Deaths come in bursts of thousands after each collection, so they are handled in batches: one
 * acquisition of the identity table's lock to forget a batch, and one of the heap's structural lock
 * per 64 of its {@code hostReleased} calls (which then re-enter it cheaply) instead of two per death.
 */
public final class DeathWatcher implements Runnable {

    private static final int BATCH = 1024;
    /**
     * Deaths released per hold of the heap's lock: a release may cascade through a whole chain, and
     * allocating threads wait for that lock, so it is held for a bounded span rather than a whole batch.
     */
    private static final int HEAP_LOCK_SPAN = 64;
    /** Once a collection's sentinel arrived, the reference handler has that collection's deaths in hand. */
    private static final long SETTLED_QUIET_MILLIS = 5;

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final AgentCounters counters;
    private final TrackedRef[] batch = new TrackedRef[BATCH];
    private volatile boolean stopped;
    private volatile int sentinelsSeen;
    /** Kept here because a reference object that is itself unreachable is never queued. */
    private volatile TrackedRef sentinel;

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
                TrackedRef dead = ids.nextDeath(200);
                if (dead != null) {
                    releaseBatches(dead);
                }
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

    /** Releases every death already queued; returns how many. */
    public int drainAvailable() throws InterruptedException {
        TrackedRef first = ids.nextDeath(0);
        return first == null ? 0 : releaseBatches(first);
    }

    /**
     * Releases {@code first} and whatever is queued behind it, a batch at a time. Synchronized: the
     * death thread and the exit step may both drain, and they share the batch array.
     */
    private synchronized int releaseBatches(TrackedRef first) throws InterruptedException {
        int total = 0;
        TrackedRef next = first;
        while (next != null) {
            int count = 0;
            for (; next != null && count < BATCH; next = ids.nextDeath(0)) {
                if (next.id == ShadowHeap.NULL) {
                    sentinelsSeen++; // a settle round's marker, not a tracked object
                } else {
                    batch[count++] = next;
                }
            }
            total += release(count);
        }
        return total;
    }

    private int release(int count) {
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
     * Forces full collections until a round brings no new deaths (at most {@code maxRounds}), releasing
     * every death. Returns the number of rounds run. A round waits for a sentinel reference made just
     * before its collection (at most {@code maxWaitMillis}), then only until the queue is briefly quiet.
     */
    public int settle(int maxRounds, long maxWaitMillis) throws InterruptedException {
        int round = 0;
        while (round < maxRounds) {
            round++;
            long before = counters.deaths.sum();
            int sentinels = sentinelsSeen;
            sentinel = ids.sentinel();
            System.gc();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            while (true) {
                boolean arrived = sentinelsSeen != sentinels;
                TrackedRef dead = ids.nextDeath(arrived ? SETTLED_QUIET_MILLIS : 1);
                if (dead != null) {
                    releaseBatches(dead);
                } else if (arrived || System.nanoTime() > deadline) {
                    break;
                }
            }
            if (round > 1 && counters.deaths.sum() == before) {
                break;
            }
        }
        return round;
    }
}
