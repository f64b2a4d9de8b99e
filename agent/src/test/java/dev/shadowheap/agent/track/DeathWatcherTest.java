package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowHeap;
import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/** Deaths come from the JVM's collector, in batches, and settle waits for them without a fixed quiet time. */
class DeathWatcherTest {

    private final ShadowHeap heap = new ShadowHeap();
    private final ObjectIds ids = new ObjectIds();
    private final AgentCounters counters = new AgentCounters();
    private final DeathWatcher deaths = new DeathWatcher(heap, ids, counters);
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

        deaths.settle(8, 5000);

        for (int id : dropped) {
            assertFalse(heap.isLive(id), "dropped object " + id + " still live");
        }
        assertTrue(heap.isLive(keptId) && heap.isHostHeld(keptId));
        assertTrue(heap.isLive(cycleId) && !heap.isHostHeld(cycleId));
        assertEquals(count + 1, counters.deaths.sum());
        assertEquals(ids.objectOf(keptId), kept);
        Reference.reachabilityFence(kept);
    }
}
