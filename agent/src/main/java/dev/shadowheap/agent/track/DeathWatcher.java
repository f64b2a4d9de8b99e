package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.ThreadState;

/**
 * Turns the JVM's verdicts into {@link ShadowHeap#hostReleased}: drains the queue of tracked objects
 * the collector found unreachable. Runs on its own daemon thread, on which hooks are suspended, and is
 * also called at exit to force collections until no more deaths arrive.
 */
public final class DeathWatcher implements Runnable {

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final AgentCounters counters;
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
                TrackedRef dead = ids.nextDeath(200);
                if (dead != null) {
                    release(dead);
                    drainAvailable();
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
        int drained = 0;
        for (TrackedRef dead = ids.nextDeath(0); dead != null; dead = ids.nextDeath(0)) {
            release(dead);
            drained++;
        }
        return drained;
    }

    private void release(TrackedRef dead) {
        if (ids.forget(dead)) {
            heap.hostReleased(dead.id);
            counters.deaths.increment();
        }
    }

    /**
     * Forces full collections until a round brings no new deaths (at most {@code maxRounds}), releasing
     * every death. Returns the number of rounds run.
     */
    public int settle(int maxRounds, long quietMillis) throws InterruptedException {
        int round = 0;
        while (round < maxRounds) {
            round++;
            long before = counters.deaths.sum();
            System.gc();
            // Cleared references reach the queue through the reference-handler thread: wait until quiet.
            for (TrackedRef dead = ids.nextDeath(quietMillis); dead != null; dead = ids.nextDeath(quietMillis)) {
                release(dead);
                drainAvailable();
            }
            if (round > 1 && counters.deaths.sum() == before) {
                break;
            }
        }
        return round;
    }
}
