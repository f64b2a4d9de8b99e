package dev.shadowheap.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.CycleCollector;
import dev.shadowheap.model.gc.GcCallback;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threading model of {@link ShadowHeap}: lock-free stores from many threads, racing on the same slots and the
 * same targets, interleaved with allocations and free cascades that take the structural lock. Whatever the
 * interleaving, every count must end equal to the number of slots that hold the object. Allocations do not wait for
 * a thread that holds the structural lock, and listeners still hear of every object's allocation before anything
 * else about it.
 */
class ShadowHeapConcurrencyTest {

    private static final int THREADS = 4;
    private static final int OWNERS = 200;
    private static final int TARGETS = 50;
    private static final int STORES_PER_THREAD = 300_000;

    @Test
    void countsMatchSlotsAfterRacingStoresAllocationsAndFrees() throws Exception {
        ShadowHeap heap = new ShadowHeap();
        int pair = heap.classes().registerInstanceClass("demo.Pair", new String[] {"left", "right"}, true,
                ShadowClass.Finalizer.NONE).id();
        int[] owners = new int[OWNERS];
        int[] targets = new int[TARGETS];
        for (int i = 0; i < OWNERS; i++) {
            owners[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        }
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                try {
                    SplittableRandom random = new SplittableRandom(seed);
                    start.await();
                    for (int i = 0; i < STORES_PER_THREAD; i++) {
                        int owner = owners[random.nextInt(OWNERS)];
                        int target = random.nextInt(8) == 0 ? ShadowHeap.NULL : targets[random.nextInt(TARGETS)];
                        heap.store(owner, random.nextInt(2), target);
                        if (i % 64 == 0) {
                            buildAndDropPrivateChain(heap, pair, random.nextInt(1, 20));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a storing thread failed", failure.get());
        }
        int[] expected = new int[heap.idLimit()];
        for (int owner : owners) {
            for (int slot = 0; slot < 2; slot++) {
                int target = heap.target(owner, slot);
                if (target != ShadowHeap.NULL) {
                    expected[target]++;
                }
            }
        }
        for (int target : targets) {
            assertEquals(expected[target], heap.refcount(target), "count of target " + target);
        }
        assertEquals(OWNERS + TARGETS, heap.liveObjects(), "every private chain was freed by its cascade");
    }

    @Test
    void anAllocationDoesNotWaitForTheStructuralLockAndIsToldBeforeTheObjectsRelease() throws Exception {
        ShadowHeap heap = new ShadowHeap();
        int pair = heap.classes().registerInstanceClass("demo.Pair", new String[] {"left", "right"}, true,
                ShadowClass.Finalizer.NONE).id();
        List<String> events = new ArrayList<>(); // written only under the structural lock
        heap.addListener(new HeapListener() {
            @Override
            public void allocated(ShadowHeap h, int id) {
                events.add("allocated " + id);
            }

            @Override
            public void freed(ShadowHeap h, int id) {
                events.add("freed " + id);
            }

            @Override
            public void hostReleased(ShadowHeap h, int id) {
                events.add("released " + id);
            }
        });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> {
                heap.lock().lock(); // as a model does for a whole collection
                try {
                    held.countDown();
                    letGo.await();
                } finally {
                    heap.lock().unlock();
                }
                return null;
            });
            held.await();
            Future<int[]> allocating = threads.submit(() -> new int[] {
                heap.allocate(pair, 24, SiteTable.UNKNOWN),
                heap.allocate(pair, 24, SiteTable.UNKNOWN),
                heap.allocate(pair, 24, SiteTable.UNKNOWN)});
            int[] ids = allocating.get(10, TimeUnit.SECONDS); // times out if allocation waits for the lock
            heap.store(ids[0], 0, ids[1]); // stores need the records, not the listeners
            assertEquals(1, heap.refcount(ids[1]));
            assertEquals(3, heap.liveObjects());
            letGo.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), events, "nobody has taken the lock since: nothing told yet");

            heap.hostReleased(ids[2]);

            assertEquals(List.of("allocated " + ids[0], "allocated " + ids[1], "allocated " + ids[2],
                    "released " + ids[2], "freed " + ids[2]), events);
            int fourth = heap.allocate(pair, 24, SiteTable.UNKNOWN); // the lock is free: told at once
            assertEquals("allocated " + fourth, events.get(events.size() - 1));
        } finally {
            letGo.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void anAllocationWaitsForTheLockOnceTooManyAreLeftToTell() throws Exception {
        ShadowHeap heap = new ShadowHeap(new SiteTable(), 3);
        int pair = heap.classes().registerInstanceClass("demo.Pair", new String[] {"left", "right"}, true,
                ShadowClass.Finalizer.NONE).id();
        List<Integer> told = new ArrayList<>(); // written only under the structural lock
        heap.addListener(new HeapListener() {
            @Override
            public void allocated(ShadowHeap h, int id) {
                told.add(id);
            }

            @Override
            public void freed(ShadowHeap h, int id) {
            }
        });
        ExecutorService threads = Executors.newSingleThreadExecutor();
        heap.lock().lock();
        Future<int[]> allocating;
        try {
            allocating = threads.submit(() -> new int[] {
                heap.allocate(pair, 24, SiteTable.UNKNOWN),
                heap.allocate(pair, 24, SiteTable.UNKNOWN),
                heap.allocate(pair, 24, SiteTable.UNKNOWN)}); // the third is one too many to leave untold
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (heap.idLimit() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(3, heap.idLimit() - 1, "all three records are written");
            Thread.sleep(100);
            assertTrue(!allocating.isDone(), "the third allocation waits for the lock");
        } finally {
            heap.lock().unlock();
        }
        try {
            int[] ids = allocating.get(10, TimeUnit.SECONDS);
            heap.lock().lock();
            try {
                assertEquals(List.of(ids[0], ids[1], ids[2]), told, "told, in order, by the thread that waited");
            } finally {
                heap.lock().unlock();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCollectionReadsSlotsHoldingObjectsAllocatedAfterItBeganAndFreesOnlyTheReleasedCycles() throws Exception {
        ShadowHeap heap = new ShadowHeap();
        int node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
                ShadowClass.Finalizer.NONE).id();
        int array = heap.classes().registerArrayClass("demo.Node[]", true).id();
        CycleCollector collector = CycleCollector.attach(heap, CPythonProfile.newest());
        int rootSlots = 100_000; // far more objects than the collector has heard of when the collection begins
        int root = heap.allocateArray(array, 16 + 4 * rootSlots, SiteTable.UNKNOWN, rootSlots);
        int[] cycle = {heap.allocate(node, 16, SiteTable.UNKNOWN), heap.allocate(node, 16, SiteTable.UNKNOWN)};
        heap.store(cycle[0], 0, cycle[1]);
        heap.store(cycle[1], 0, cycle[0]);
        heap.hostReleased(cycle[0]);
        heap.hostReleased(cycle[1]);
        int[] stored = new int[rootSlots];
        ExecutorService host = Executors.newSingleThreadExecutor();
        AtomicBoolean firstCollection = new AtomicBoolean(true);
        try {
            // While the collection holds the structural lock (its start callback runs under it), another thread
            // allocates and stores the new objects into the root, which the collection then reads.
            collector.addCallback((phase, info) -> {
                if (phase == GcCallback.Phase.START && firstCollection.getAndSet(false)) {
                    try {
                        host.submit(() -> {
                            for (int i = 0; i < rootSlots; i++) {
                                stored[i] = heap.allocate(node, 16, SiteTable.UNKNOWN);
                                heap.store(root, i, stored[i]);
                            }
                        }).get(60, TimeUnit.SECONDS); // times out if allocation waits for the lock
                    } catch (Exception e) {
                        throw new AssertionError("allocating while a collection runs", e);
                    }
                }
            });

            long found = collector.collect();

            assertEquals(2, found, "the released cycle, and nothing else");
            assertEquals(1 + rootSlots, heap.liveObjects());
            for (int i = 0; i < rootSlots; i++) {
                assertTrue(heap.isLive(stored[i]) && heap.target(root, i) == stored[i], "stored object " + i);
            }
            collector.collect(); // hears of the new objects first
            assertEquals(1 + rootSlots, collector.getObjects().length, "the collector tracks every live container");
        } finally {
            host.shutdownNow();
        }
    }

    /** A chain only this thread knows, released from its head: the cascade runs under the structural lock. */
    /**
     * The collector's {@code tp_clear} of an object that its own release cascade frees midway. Allocation does not
     * wait for the structural lock, so another thread may be given the freed id and region while the clear is still
     * running, and fill the new object's slots. The clear must stop at the free, not go on emptying the newcomer
     * (seen under the agent: arrays just cloned by H2 lost every element after the first few).
     */
    @Test
    void clearingAnObjectFreedMidwayLeavesTheObjectThatTakesItsIdAndRegionAlone() throws Exception {
        ShadowHeap heap = new ShadowHeap();
        int node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
                ShadowClass.Finalizer.NONE).id();
        int array = heap.classes().registerArrayClass("java.lang.Object[]", true).id();
        int length = 20;
        int kept = heap.allocate(node, 16, SiteTable.UNKNOWN);
        int garbage = heap.allocateArray(array, 96, SiteTable.UNKNOWN, length);
        int partner = heap.allocate(node, 16, SiteTable.UNKNOWN);
        heap.store(garbage, 0, partner);
        heap.store(partner, 0, garbage);
        heap.hostReleased(garbage);
        heap.hostReleased(partner);

        // Clearing the array's first slot frees the partner, whose release frees the array; the partner is freed
        // last, when the array's id and region are already free. Then a thread of the host allocates and stores.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] newcomer = {ShadowHeap.NULL};
        heap.addListener(new HeapListener() {
            @Override
            public void allocated(ShadowHeap h, int id) {
            }

            @Override
            public void freed(ShadowHeap h, int id) {
                if (id != partner) {
                    return;
                }
                Thread host = new Thread(() -> {
                    try {
                        newcomer[0] = h.allocateArray(array, 96, SiteTable.UNKNOWN, length);
                        for (int slot = 0; slot < length; slot++) {
                            h.store(newcomer[0], slot, kept);
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
                host.start();
                try {
                    host.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        heap.clearSlots(garbage);

        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(garbage, newcomer[0], "the newcomer took the freed id (the case under test)");
        assertTrue(heap.isLive(newcomer[0]));
        for (int slot = 0; slot < length; slot++) {
            assertEquals(kept, heap.target(newcomer[0], slot), "newcomer slot " + slot);
        }
        assertEquals(length, heap.refcount(kept));
    }

    private static void buildAndDropPrivateChain(ShadowHeap heap, int pair, int length) {
        int head = heap.allocate(pair, 24, SiteTable.UNKNOWN);
        int previous = head;
        for (int i = 1; i < length; i++) {
            int next = heap.allocate(pair, 24, SiteTable.UNKNOWN);
            heap.store(previous, 1, next);
            heap.hostReleased(next);
            previous = next;
        }
        heap.hostReleased(head);
    }
}
