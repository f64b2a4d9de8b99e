package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shadowheap.heap.IntStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The identity table's lock-free lookups, against registrations, removals and resizes on another thread. Its chains
 * are linked by id and ids are reused, so a lookup can be led astray by an id unlinked and relinked elsewhere under
 * it; it must then look again, never report a live object untracked.
 */
class ObjectIdsTest {

    /** Objects whose identity hashes share their low bits, so that they crowd a few buckets into long chains. */
    private static List<Object> crowded(int count) {
        List<Object> objects = new ArrayList<>(count);
        while (objects.size() < count) {
            Object object = new Object();
            if ((System.identityHashCode(object) & 0xFFF) == 0x5A5) {
                objects.add(object);
            }
        }
        return objects;
    }

    @Test
    void lookupsFindEveryLiveObjectWhileOthersAreRemovedAndTheirIdsReused() throws InterruptedException {
        ObjectIds ids = new ObjectIds();
        IntStack free = new IntStack();
        int[] nextId = {1};
        ObjectIds.Allocator allocator = (object, layout, site) -> free.isEmpty() ? nextId[0]++ : free.pop();

        List<Object> live = crowded(300);
        int[] liveIds = new int[live.size()];
        for (int i = 0; i < live.size(); i++) {
            liveIds[i] = ids.registerIfAbsent(live.get(i), null, 0, allocator);
        }
        List<Object> churn = crowded(300);

        AtomicReference<String> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        Thread reader = new Thread(() -> {
            while (System.nanoTime() < deadline && failure.get() == null) {
                for (int i = 0; i < liveIds.length; i++) {
                    int found = ids.idOf(live.get(i));
                    if (found != liveIds[i]) {
                        failure.set("live object " + i + " looked up as " + found + ", registered as " + liveIds[i]);
                    }
                }
            }
        });
        reader.start();
        TrackedRef[] dead = new TrackedRef[churn.size()];
        int rounds = 0;
        while (System.nanoTime() < deadline && failure.get() == null) {
            // Register the churn objects (reusing the ids freed last round, in another order) and forget them all.
            for (int i = 0; i < churn.size(); i++) {
                int id = ids.registerIfAbsent(churn.get((i * 7 + rounds) % churn.size()), null, 0, allocator);
                dead[i] = ids.refOf(id);
            }
            ids.forgetAll(dead, dead.length);
            for (TrackedRef ref : dead) {
                free.push(ref.id);
            }
            rounds++;
        }
        reader.join();
        assertNull(failure.get(), failure.get() + " (after " + rounds + " rounds)");
        for (int i = 0; i < liveIds.length; i++) {
            assertEquals(liveIds[i], ids.idOf(live.get(i)));
        }
        assertEquals(0, ids.idOf(churn.get(0)));
        assertEquals(live.size(), ids.size());
    }
}
