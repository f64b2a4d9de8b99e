package dev.shadowheap.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShadowHeapTest {

    private ShadowHeap heap;
    private int node;
    private int array;
    private int site;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        heap = new ShadowHeap();
        node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next", "prev"}, true,
                ShadowClass.Finalizer.NONE).id();
        array = heap.classes().registerArrayClass("java.lang.Object[]", true).id();
        site = heap.sites().register("demo.Main.main(Main.java:7)");
        heap.addListener(new HeapListener() {
            @Override
            public void allocated(ShadowHeap h, int id) {
                assertTrue(h.lock().isHeldByCurrentThread());
                events.add("+" + id);
            }

            @Override
            public void freed(ShadowHeap h, int id) {
                assertTrue(h.lock().isHeldByCurrentThread());
                events.add("-" + id);
            }
        });
    }

    private int newNode() {
        return heap.allocate(node, 24, site);
    }

    @Test
    void clearingAnObjectThatIsFreedMidwayTouchesNoOtherObjectsSlots() {
        // A live bystander whose slots sit at the start of the slot space.
        int bystander = heap.allocateArray(array, 96, site, 20);
        int kept = newNode();
        for (int slot = 0; slot < 20; slot++) {
            heap.store(bystander, slot, kept);
        }
        // Garbage: a 20-slot array and a node holding each other, let go of by the host.
        int garbage = heap.allocateArray(array, 96, site, 20);
        int partner = newNode();
        heap.store(garbage, 0, partner);
        heap.store(partner, 0, garbage);
        heap.hostReleased(garbage);
        heap.hostReleased(partner);

        heap.clearSlots(garbage); // releases the partner, whose release frees the array itself midway

        assertFalse(heap.isLive(garbage));
        assertFalse(heap.isLive(partner));
        for (int slot = 0; slot < 20; slot++) {
            assertEquals(kept, heap.target(bystander, slot), "bystander slot " + slot);
        }
        assertEquals(20, heap.refcount(kept));
    }

    @Test
    void storeCountsReferencesAndReleasesTheOldTarget() {
        int a = newNode();
        int b = newNode();
        int c = newNode();
        heap.store(a, 0, b);
        heap.store(c, 1, b);
        assertEquals(2, heap.refcount(b));
        heap.store(a, 0, c);
        assertEquals(1, heap.refcount(b));
        assertEquals(1, heap.refcount(c));
        assertEquals(c, heap.target(a, 0));
        heap.store(a, 0, ShadowHeap.NULL);
        assertEquals(0, heap.refcount(c));
        assertTrue(heap.isLive(c), "still host-held, so not freed at count zero");
    }

    @Test
    void anUnreferencedObjectIsFreedWhenTheHostReleasesIt() {
        int a = newNode();
        int b = newNode();
        heap.store(a, 0, b);
        heap.hostReleased(b);
        assertTrue(heap.isLive(b), "a slot still holds it");
        heap.hostReleased(a);
        assertFalse(heap.isLive(a));
        assertFalse(heap.isLive(b), "the cascade released b");
        assertEquals(List.of("+" + a, "+" + b, "-" + b, "-" + a), events, "children are freed before their owner");
        assertEquals(0, heap.liveObjects());
    }

    @Test
    void aCycleSurvivesItsReleaseAsLeakedUntilCleared() {
        int a = newNode();
        int b = newNode();
        heap.store(a, 0, b);
        heap.store(b, 1, a);
        heap.hostReleased(a);
        heap.hostReleased(b);
        List<Integer> unheld = new ArrayList<>();
        heap.forEachUnheld(unheld::add);
        assertEquals(List.of(a, b), unheld);
        heap.clearSlots(a); // what the cycle collector's tp_clear does
        assertFalse(heap.isLive(a));
        assertFalse(heap.isLive(b));
    }

    @Test
    void dropsTheLastReferenceToAReleasedObjectFromAStore() {
        int holder = newNode();
        int a = newNode();
        heap.store(holder, 0, a);
        heap.hostReleased(a);
        heap.store(holder, 0, ShadowHeap.NULL);
        assertFalse(heap.isLive(a));
    }

    @Test
    void pinnedObjectsAreNeverReleased() {
        ShadowClass statics = heap.classes().registerInstanceClass("<statics demo.Main>", new String[] {"ROOT"}, true,
                ShadowClass.Finalizer.NONE);
        int holder = heap.allocatePinned(statics.id(), 0, SiteTable.UNKNOWN);
        int a = newNode();
        heap.store(holder, 0, a);
        heap.hostReleased(holder);
        heap.hostReleased(a);
        assertTrue(heap.isLive(holder));
        assertTrue(heap.isLive(a));
        List<Integer> unheld = new ArrayList<>();
        heap.forEachUnheld(unheld::add);
        assertEquals(List.of(a), unheld, "pinned holders are roots, never leaks");
    }

    @Test
    void aMillionLongChainIsFreedWithoutRecursion() {
        int n = 1_000_000;
        int head = newNode();
        int previous = head;
        for (int i = 1; i < n; i++) {
            int next = newNode();
            heap.store(previous, 0, next);
            heap.hostReleased(next);
            previous = next;
        }
        assertEquals(n, heap.liveObjects());
        heap.hostReleased(head);
        assertEquals(0, heap.liveObjects());
        assertEquals(n, heap.frees());
    }

    @Test
    void idsAndSlotRegionsAreRecycled() {
        for (int round = 0; round < 100; round++) {
            int a = newNode();
            int arr = heap.allocateArray(array, 4016, site, 2000); // a region of its own
            heap.store(arr, 1999, a);
            heap.hostReleased(a);
            heap.hostReleased(arr);
        }
        assertEquals(0, heap.liveObjects());
        assertTrue(heap.idLimit() <= 3, "ids are reused, limit " + heap.idLimit());
    }

    @Test
    void largeArraysKeepEveryElement() {
        int arr = heap.allocateArray(array, 40_016, site, 10_000);
        int a = newNode();
        for (int i = 0; i < 10_000; i += 7) {
            heap.store(arr, i, a);
        }
        assertEquals(1429, heap.refcount(a));
        int[] seen = new int[1];
        heap.forEachTarget(arr, t -> seen[0]++);
        assertEquals(1429, seen[0]);
    }

    @Test
    void refcountIncludingHostAddsOneForHostHeldAndPinnedObjects() {
        int a = newNode();
        int b = newNode();
        heap.store(a, 0, b);
        heap.store(a, 1, b);
        assertEquals(3, heap.refcountIncludingHost(b)); // two slots and the host
        heap.hostReleased(b);
        assertEquals(2, heap.refcountIncludingHost(b));
        int pinned = heap.allocatePinned(node, 24, site);
        heap.hostReleased(pinned);
        assertEquals(1, heap.refcountIncludingHost(pinned));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> heap.refcountIncludingHost(9999));
        assertTrue(unknown.getMessage().contains("9999"), unknown.getMessage());
        heap.hostReleased(a); // frees a, then b
        assertThrows(IllegalArgumentException.class, () -> heap.refcountIncludingHost(b));
    }

    @Test
    void copySlotsReadsSmallAndLargeRegionsInBlocks() {
        int a = newNode();
        int b = newNode();
        heap.store(a, 1, b);
        int[] buffer = {-1, -1, -1};
        assertEquals(2, heap.copySlots(a, 0, buffer, 0));
        assertEquals(ShadowHeap.NULL, buffer[0]);
        assertEquals(b, buffer[1]);
        assertEquals(1, heap.copySlots(a, 1, buffer, 0));
        assertEquals(b, buffer[0]);
        assertEquals(0, heap.copySlots(a, 2, buffer, 0));
        assertEquals(1, heap.copySlots(a, 0, buffer, 2)); // as many as fit
        assertEquals(ShadowHeap.NULL, buffer[2]);

        int length = ShadowHeap.MAX_SMALL_REGION + 5; // a region of its own
        int big = heap.allocateArray(array, 16, site, length);
        heap.store(big, length - 1, a);
        int[] block = new int[4];
        int last = -1;
        for (int from = 0, n; (n = heap.copySlots(big, from, block, 0)) > 0; from += n) {
            assertEquals(Math.min(4, length - from), n);
            last = block[n - 1];
        }
        assertEquals(a, last);

        assertThrows(IllegalArgumentException.class, () -> heap.copySlots(a, -1, buffer, 0));
        assertThrows(IllegalArgumentException.class, () -> heap.copySlots(a, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> heap.copySlots(a, 0, buffer, 4));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> heap.copySlots(9999, 0, buffer, 0));
        assertTrue(unknown.getMessage().contains("9999"), unknown.getMessage());
    }

    @Test
    void badInputIsRejectedWithoutChangingTheGraph() {
        int a = newNode();
        int b = newNode();
        IllegalArgumentException unknownOwner = assertThrows(IllegalArgumentException.class, () -> heap.store(99, 0, b));
        assertTrue(unknownOwner.getMessage().contains("unknown object id 99"), unknownOwner.getMessage());
        IllegalArgumentException badSlot = assertThrows(IllegalArgumentException.class, () -> heap.store(a, 2, b));
        assertTrue(badSlot.getMessage().contains("slot 2 out of range"), badSlot.getMessage());
        IllegalArgumentException badTarget = assertThrows(IllegalArgumentException.class, () -> heap.store(a, 0, 77));
        assertTrue(badTarget.getMessage().contains("unknown object id 77"), badTarget.getMessage());
        assertEquals(0, heap.refcount(b));
        assertEquals(ShadowHeap.NULL, heap.target(a, 0));
        assertThrows(IllegalArgumentException.class, () -> heap.allocate(12345, 16, site));
        assertThrows(IllegalArgumentException.class, () -> heap.allocate(node, -1, site));
        assertThrows(IllegalArgumentException.class, () -> heap.allocate(node, 16, 999));
        assertThrows(IllegalArgumentException.class, () -> heap.allocate(array, 16, site));
        assertThrows(IllegalArgumentException.class, () -> heap.allocateArray(array, 16, site, -3));
        assertThrows(IllegalArgumentException.class, () -> heap.hostReleased(4242));
        assertThrows(IllegalArgumentException.class,
                () -> heap.classes().registerInstanceClass("demo.Node", new String[] {"other"}, true,
                        ShadowClass.Finalizer.NONE));
        assertEquals(2, heap.liveObjects());
    }

    @Test
    void displayNamesDropThePackage() {
        assertEquals("LinkedList$Node", ShadowClass.displayName("java.util.LinkedList$Node"));
        assertEquals("Object[]", ShadowClass.displayName("java.lang.Object[]"));
        assertEquals("Object[][]", ShadowClass.displayName("java.lang.Object[][]"));
        assertEquals("Plain", ShadowClass.displayName("Plain"));
        assertEquals("App$$Lambda", ShadowClass.displayName("com.x.App$$Lambda$14/0x0000000800c0b000"));
        assertEquals("App$$Lambda", ShadowClass.displayName("com.x.App$$Lambda/0x0000000800c0b000"));
        ShadowClass error = heap.classes().registerInstanceClass("java.lang.RuntimeException",
                new String[] {"cause", "detailMessage"}, new String[] {"java.lang.Throwable", "java.lang.Throwable"},
                true, ShadowClass.Finalizer.NONE);
        assertEquals("Throwable.cause", error.edgeLabel(0), "labels name the declaring class");
        assertEquals("RuntimeException", error.displayName());
        assertEquals("Node.next", heap.classes().get(node).edgeLabel(0));
        assertEquals("Object[][*]", heap.classes().get(array).edgeLabel(5));
    }
}
