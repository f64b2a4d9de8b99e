package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowHeap;
import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/**
 * Deaths come from the JVM's collector: settle forces collections and sweeps; the death thread sweeps after the
 * collections the program's own allocation causes, young objects at once and older ones in full sweeps.
 */
class DeathWatcherTest {

    private final ShadowHeap heap = new ShadowHeap();
    private final ObjectIds ids = new ObjectIds();
    private final AgentCounters counters = new AgentCounters();
    private final DeathBacklog backlog = new DeathBacklog(counters);
    private final DeathWatcher deaths = new DeathWatcher(heap, ids, counters, backlog);
    private final int classId = heap.classes().registerArrayClass("java.lang.Object[]", true).id();

    private int track(Object object) {
        return ids.registerIfAbsent(object, null, 0, (o, layout, site) -> heap.allocateArray(classId, 24, site, 1));
    }

    @Test
    void settleReleasesWhatTheCollectorFreedAndKeepsWhatIsReachable() throws InterruptedException {
        int count = 3000; // more than one batch
        int[] dropped = new int[count];
        for (int i = 0; i < count; i++) {
            dropped[i] = track(new Object[1]);
        }
        Object[] kept = new Object[1];
        int keptId = track(kept);
        Object[] inCycle = new Object[1];
        int cycleId = track(inCycle);
        heap.store(cycleId, 0, cycleId); // a self-loop: reference counting keeps it after the JVM frees it
        inCycle = null;

        deaths.settle(8);

        for (int id : dropped) {
            assertFalse(heap.isLive(id), "dropped object " + id + " still live");
        }
        assertTrue(heap.isLive(keptId) && heap.isHostHeld(keptId));
        assertTrue(heap.isLive(cycleId) && !heap.isHostHeld(cycleId));
        assertEquals(count + 1, counters.deaths.sum());
        assertEquals(ids.objectOf(keptId), kept);
        Reference.reachabilityFence(kept);
    }

    @Test
    void theDeathThreadReleasesYoungAndOldDeathsAfterCollectionsTheProgramCauses() throws InterruptedException {
        Thread thread = new Thread(deaths, "test-deaths");
        thread.setDaemon(true);
        thread.start();
        try {
            int[] young = new int[2000];
            for (int i = 0; i < young.length; i++) {
                young[i] = track(new Object[1]);
            }
            awaitDeaths(young.length);
            for (int id : young) {
                assertFalse(heap.isLive(id), "young object " + id + " still live");
            }

            Object[] old = new Object[1];
            int oldId = track(old);
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                churn(); // collections pass while it is live: it is no longer among the ids a young sweep reads
            }
            assertTrue(heap.isLive(oldId));
            assertEquals(old, ids.objectOf(oldId));
            Reference.reachabilityFence(old);
            old = null;
            // Only a collection of the old generation clears an old object's reference, and G1 may start none while
            // the churn dies young (seen: "only 2000 of 2001 deaths" after 20 s). The program causes one here; the
            // death thread must still notice it and sweep the old ids by itself.
            System.gc();
            awaitDeaths(young.length + 1);
            assertFalse(heap.isLive(oldId), "an object that died old was not released");
        } finally {
            deaths.stop();
            thread.join();
        }
    }

    /** Allocates until the death thread has released {@code expected} objects, without forcing a collection. */
    private void awaitDeaths(long expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (counters.deaths.sum() < expected) {
            assertTrue(System.nanoTime() < deadline, "only " + counters.deaths.sum() + " of " + expected + " deaths");
            churn();
        }
        assertEquals(expected, counters.deaths.sum());
    }

    private static volatile Object sink;

    private static void churn() {
        for (int i = 0; i < 1000; i++) {
            sink = new byte[1024];
        }
    }

    @Test
    void aDeathThreadThatEndsHoldsNoAllocationBack() throws InterruptedException {
        backlog.lagging(true); // as if its last sweep had fallen behind
        Thread thread = new Thread(deaths, "deaths");
        thread.start();
        thread.interrupt();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertFalse(backlog.isBehind(), "allocations would keep waiting for a thread that is gone");
    }
}
