package dev.shadowheap.model.gc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector's API contract and bad-input handling, on hand-built graphs. */
class CycleCollectorTest {

    private final ShadowHeap heap = new ShadowHeap();
    private final ShadowClass node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
            ShadowClass.Finalizer.NONE);
    private final ShadowClass plain = heap.classes().registerInstanceClass("demo.Str", new String[0], false,
            ShadowClass.Finalizer.NONE);

    private int alloc(ShadowClass c) {
        return heap.allocate(c.id(), 16, SiteTable.UNKNOWN);
    }

    /** A two-object cycle that only the shadow slots keep alive. */
    private int[] droppedPair() {
        int a = alloc(node);
        int b = alloc(node);
        heap.store(a, 0, b);
        heap.store(b, 0, a);
        heap.hostReleased(a);
        heap.hostReleased(b);
        return new int[] {a, b};
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_11);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gc.collect(3));
        assertTrue(e.getMessage().contains("invalid generation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gc.collect(-1));
        assertThrows(IllegalArgumentException.class, () -> gc.getObjects(7));
        e = assertThrows(IllegalArgumentException.class, () -> gc.setThreshold(700, -1));
        assertTrue(e.getMessage().contains("threshold1") && e.getMessage().contains("negative"), e.getMessage());
        assertArrayEquals(new int[] {700, 10, 10}, gc.getThreshold(), "a rejected call changes nothing");
        assertThrows(IllegalArgumentException.class, () -> gc.setThreshold());
        assertThrows(IllegalArgumentException.class, () -> gc.setThreshold(1, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> gc.setDebug(64));
        assertThrows(IllegalArgumentException.class, () -> gc.registerWeakRef(99, 98, null));
        e = assertThrows(IllegalArgumentException.class, () -> CPythonProfile.byName("3.7"));
        assertTrue(e.getMessage().contains("unknown CPython profile '3.7'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CycleCollector.attach(heap, null));
    }

    @Test
    void profilesByName() {
        assertEquals(CPythonProfile.PY_3_14_INCREMENTAL, CPythonProfile.byName("3.14.2"));
        assertEquals(CPythonProfile.PY_3_14_5, CPythonProfile.byName("3.14.7"));
        assertEquals(CPythonProfile.PY_3_14_5, CPythonProfile.newest());
        assertArrayEquals(new int[] {2000, 10, 0}, CycleCollector.attach(new ShadowHeap(),
                CPythonProfile.PY_3_14_INCREMENTAL).getThreshold());
    }

    @Test
    void containersAreTrackedAndCountedOthersAreNot() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_13);
        int a = alloc(node);
        int s = alloc(plain);
        assertTrue(gc.isTracked(a));
        assertFalse(gc.isTracked(s));
        assertArrayEquals(new int[] {1, 0, 0}, gc.getCount());
        heap.hostReleased(a);
        heap.hostReleased(s);
        assertArrayEquals(new int[] {0, 0, 0}, gc.getCount(), "a container deallocation takes one off");
        heap.hostReleased(alloc(node));
        assertArrayEquals(new int[] {0, 0, 0}, gc.getCount(), "floored at zero");
    }

    @Test
    void callbacksSeeStartAndStopWithInfoAndObserversSeeTheGarbage() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_12);
        List<String> log = new ArrayList<>();
        gc.addCallback((phase, info) -> log.add(phase + " " + info));
        List<int[]> seen = new ArrayList<>();
        gc.addUnreachableObserver((h, ids, generation) -> {
            for (int id : ids) {
                assertTrue(h.isLive(id), "observers see live objects");
            }
            seen.add(ids.clone());
        });
        int[] pair = droppedPair();
        int kept = alloc(node);
        assertEquals(2, gc.collect(1));
        assertEquals(List.of("START CollectionInfo[generation=1, collected=0, uncollectable=0]",
                "STOP CollectionInfo[generation=1, collected=2, uncollectable=0]"), log);
        assertEquals(1, seen.size());
        int[] ids = seen.get(0).clone();
        java.util.Arrays.sort(ids);
        assertArrayEquals(pair, ids);
        assertFalse(heap.isLive(pair[0]));
        assertTrue(heap.isLive(kept));
        assertArrayEquals(new int[] {kept}, gc.getObjects(2), "survivors of generation 1 move to generation 2");
        assertEquals(new GenerationStats(1, 2, 0), gc.getStats()[1]);
    }

    @Test
    void debugStatsUseCPythonsFormat() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_11);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        gc.setDebugOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        gc.setDebug(CycleCollector.DEBUG_STATS | CycleCollector.DEBUG_COLLECTABLE);
        int[] pair = droppedPair();
        gc.collect(0);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("gc: collecting generation 0...", lines[0]);
        assertEquals("gc: objects in each generation: 2 0 0", lines[1]);
        assertEquals("gc: objects in permanent generation: 0", lines[2]);
        assertEquals("gc: collectable <Node 0x" + Integer.toHexString(pair[0]) + ">", lines[3]);
        assertTrue(lines[5].matches("gc: done, 2 unreachable, 0 uncollectable, \\d+\\.\\d{4}s elapsed"), lines[5]);
    }

    @Test
    void evalBreakerProfilesCollectOnlyAtTheSafepoint() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_12);
        gc.setThreshold(4);
        droppedPair();
        droppedPair();
        assertFalse(gc.isCollectionPending());
        alloc(node);
        assertTrue(gc.isCollectionPending());
        assertEquals(0, gc.getStats()[0].collections());
        gc.safepoint();
        assertFalse(gc.isCollectionPending());
        assertEquals(new GenerationStats(1, 4, 0), gc.getStats()[0]);
    }

    @Test
    void insideAllocationProfilesCollectBeforeTrackingTheNewObject() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_8);
        gc.setThreshold(4);
        droppedPair();
        droppedPair();
        int trigger = alloc(node);
        assertEquals(new GenerationStats(1, 4, 0), gc.getStats()[0]);
        assertArrayEquals(new int[] {trigger}, gc.getObjects(0));
        assertArrayEquals(new int[] {0, 1, 0}, gc.getCount());
    }

    @Test
    void disabledOrZeroThresholdMeansNoAutomaticCollection() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_11);
        gc.setThreshold(1);
        gc.disable();
        assertFalse(gc.isEnabled());
        droppedPair();
        droppedPair();
        assertEquals(0, gc.getStats()[0].collections());
        gc.enable();
        gc.setThreshold(0);
        droppedPair();
        assertEquals(0, gc.getStats()[0].collections());
        assertEquals(6, gc.collect(), "explicit collections run regardless");
    }

    @Test
    void weakRefCallbacksRunForLiveWeakRefsOnly() {
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_13);
        ShadowClass weakref = heap.classes().registerInstanceClass("weakref", new String[0], true, ShadowClass.Finalizer.NONE);
        ShadowClass holder = heap.classes().registerInstanceClass("Holder", new String[] {"a", "b"}, true,
                ShadowClass.Finalizer.NONE);
        int a = alloc(node);
        int h = alloc(holder);
        heap.store(a, 0, h);
        heap.store(h, 0, a);
        List<Integer> called = new ArrayList<>();
        int live = alloc(weakref);
        gc.registerWeakRef(live, a, (heap1, wr) -> called.add(wr));
        // a weakref that is itself part of the garbage: cleared, its callback never runs
        int garbageRef = alloc(weakref);
        gc.registerWeakRef(garbageRef, a, (heap1, wr) -> called.add(wr));
        heap.store(h, 1, garbageRef);
        heap.hostReleased(a);
        heap.hostReleased(h);
        heap.hostReleased(garbageRef);
        assertEquals(3, gc.collect());
        assertEquals(List.of(live), called);
        assertEquals(ShadowHeap.NULL, gc.weakRefTarget(live));
    }

    @Test
    void finalizersRunOnceAndResurrectionIsPerObjectFrom39() {
        ShadowClass phoenix = heap.classes().registerInstanceClass("Phoenix", new String[] {"next"}, true,
                ShadowClass.Finalizer.FINALIZE);
        ShadowClass roots = heap.classes().registerInstanceClass("Roots", new String[] {"r0", "r1"}, false,
                ShadowClass.Finalizer.NONE);
        int holder = heap.allocatePinned(roots.id(), 0, SiteTable.UNKNOWN);
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_11);
        int[] calls = {0};
        gc.setFinalizerAction((h, id) -> {
            h.store(holder, calls[0]++, id);
        });
        int a = alloc(phoenix);
        int b = alloc(phoenix);
        heap.store(a, 0, b);
        heap.store(b, 0, a);
        heap.hostReleased(a);
        heap.hostReleased(b);
        int[] other = droppedPair();
        assertEquals(2, gc.collect(), "only the plain pair goes; the phoenixes are resurrected");
        assertTrue(gc.isFinalized(a) && gc.isFinalized(b));
        assertFalse(heap.isLive(other[0]));
        heap.store(holder, 0, ShadowHeap.NULL);
        heap.store(holder, 1, ShadowHeap.NULL);
        assertEquals(2, gc.collect(), "dropped again, they are freed without a second finalizer call");
        assertEquals(2, calls[0]);
    }

    @Test
    void legacyFinalizersAreUncollectableAndSaved() {
        ShadowClass legacy = heap.classes().registerInstanceClass("Legacy", new String[] {"next"}, true,
                ShadowClass.Finalizer.LEGACY);
        CycleCollector gc = CycleCollector.attach(heap, CPythonProfile.PY_3_13);
        int x = alloc(legacy);
        int n = alloc(node);
        heap.store(x, 0, n);
        heap.store(n, 0, x);
        heap.hostReleased(x);
        heap.hostReleased(n);
        assertEquals(2, gc.collect());
        assertEquals(new GenerationStats(1, 0, 2), gc.getStats()[2]);
        assertArrayEquals(new int[] {x}, gc.garbage());
        assertEquals(0, gc.collect(), "gc.garbage holds it now");
        gc.clearGarbage();
        assertEquals(2, gc.collect(), "uncollectable again once gc.garbage lets go");
    }
}
