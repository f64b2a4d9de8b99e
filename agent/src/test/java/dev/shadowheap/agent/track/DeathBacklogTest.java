package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeathBacklogTest {

    private final AgentCounters counters = new AgentCounters();
    private final DeathBacklog backlog = new DeathBacklog(counters);

    @Test
    void allocationsPassFreelyWhileTheDeathThreadKeepsUp() {
        backlog.beforeAllocation();
        assertEquals(0, counters.backlogWaits.sum());
    }

    @Test
    void aWaitIsBoundedEvenIfTheDeathThreadNeverCatchesUp() {
        backlog.lagging(true);
        long start = System.nanoTime();
        backlog.beforeAllocation();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis >= DeathBacklog.MAX_WAIT_MILLIS - 1, "returned before its bound: " + waitedMillis);
        assertEquals(1, counters.backlogWaits.sum());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(counters.backlogWaitNanos.sum()) >= DeathBacklog.MAX_WAIT_MILLIS - 1);
    }

    @Test
    void catchingUpWakesTheWaitingThreads() throws Exception {
        backlog.lagging(true);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread allocating = new Thread(() -> {
            started.countDown();
            while (backlog.isBehind()) { // waits again after each bounded wait, as an allocating loop would
                backlog.beforeAllocation();
            }
            done.countDown();
        });
        allocating.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(done.await(3 * DeathBacklog.MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS), "passed while behind");
        backlog.lagging(false);
        assertTrue(done.await(10, TimeUnit.SECONDS), "still waiting after the death thread caught up");
        allocating.join();
        assertTrue(counters.backlogWaits.sum() >= 2, "waits: " + counters.backlogWaits.sum());
    }

    @Test
    void anInterruptedThreadStopsWaitingAndKeepsItsInterrupt() {
        backlog.lagging(true);
        Thread.currentThread().interrupt();
        backlog.beforeAllocation();
        assertTrue(Thread.interrupted(), "the program's interrupt was lost");
    }
}
