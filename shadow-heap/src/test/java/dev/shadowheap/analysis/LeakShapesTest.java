package dev.shadowheap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes, totals and weak-field fixes of hand-built leaks whose answer is known by construction. */
class LeakShapesTest {

    private final ShadowHeap heap = new ShadowHeap();

    private int cls(String name, String... fields) {
        return heap.classes().registerInstanceClass(name, fields, true, ShadowClass.Finalizer.NONE).id();
    }

    /** Releases every live object from the host and returns what reference counting keeps. */
    private int[] releaseAll() {
        List<Integer> all = new ArrayList<>();
        heap.forEachLive(all::add);
        for (int id : all) {
            if (heap.isLive(id)) {
                heap.hostReleased(id);
            }
        }
        List<Integer> leaked = new ArrayList<>();
        heap.forEachUnheld(leaked::add);
        return leaked.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void doublyLinkedListIsOneTwoCycleShapeAndPrevOrNextBreaksIt() {
        int node = cls("com.example.DoublyLinked$Node", "next", "prev", "item");
        int site = heap.sites().register("com.example.DoublyLinked.add(DoublyLinked.java:10)");
        int previous = 0;
        for (int i = 0; i < 10; i++) {
            int n = heap.allocate(node, 24, site);
            if (previous != 0) {
                heap.store(previous, 0, n);
                heap.store(n, 1, previous);
            }
            previous = n;
        }
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, releaseAll());
        assertEquals(1, analysis.groups().size());
        CycleGroup group = analysis.groups().get(0);
        assertEquals("DoublyLinked$Node.next -> DoublyLinked$Node.prev", group.shape());
        assertEquals(1, group.cycles());
        assertEquals(10, group.objects());
        assertEquals(240, group.bytes());
        assertEquals(List.of(new SiteCount("com.example.DoublyLinked.add(DoublyLinked.java:10)", 10)),
                group.topSites());
        // Either field alone breaks it; both remove 9 edges, so the name decides.
        assertEquals(new WeakFieldSuggestion(List.of("DoublyLinked$Node.next"), 9, true), analysis.weakFields());
    }

    @Test
    void selfLoopIsItsOwnLabelWithoutPlus() {
        int throwable = cls("java.lang.Throwable", "cause", "detail");
        int t = heap.allocate(throwable, 40, 0);
        heap.store(t, 0, t);
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, releaseAll());
        assertEquals("Throwable.cause", analysis.groups().get(0).shape());
        assertEquals(List.of("Throwable.cause"), analysis.weakFields().labels());
    }

    @Test
    void ringsOfAnyLengthShareOneShape() {
        int node = cls("demo.Ring$Node", "next");
        for (int length : new int[] {2, 3, 7}) {
            int first = heap.allocate(node, 16, 0);
            int last = first;
            for (int i = 1; i < length; i++) {
                int n = heap.allocate(node, 16, 0);
                heap.store(last, 0, n);
                last = n;
            }
            heap.store(last, 0, first);
        }
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, releaseAll());
        assertEquals(1, analysis.groups().size());
        assertEquals("Ring$Node.next+", analysis.groups().get(0).shape());
        assertEquals(3, analysis.groups().get(0).cycles());
        assertEquals(12, analysis.groups().get(0).objects());
    }

    /**
     * The rule takes the smallest rotation: "Outer$Inner.this$0" sorts before "Outer.inner" because
     * '$' (0x24) is below '.' (0x2E).
     */
    @Test
    void innerClassCycleStartsAtTheSmallestLabel() {
        int outer = cls("app.Outer", "inner");
        int inner = cls("app.Outer$Inner", "this$0");
        int o = heap.allocate(outer, 16, 0);
        int i = heap.allocate(inner, 16, 0);
        heap.store(o, 0, i);
        heap.store(i, 0, o);
        assertEquals("Outer$Inner.this$0 -> Outer.inner", LeakAnalyzer.analyze(heap, releaseAll()).groups().get(0).shape());
    }

    @Test
    void treeWithParentPointersThroughArrayListPrefersAFieldFix() {
        int tree = cls("app.Tree", "children", "parent");
        int list = cls("java.util.ArrayList", "elementData");
        int array = heap.classes().registerArrayClass("java.lang.Object[]", true).id();
        int siteTree = heap.sites().register("app.Tree.<init>(Tree.java:5)");
        int root = newTree(tree, list, array, siteTree, 2);
        int child1 = newTree(tree, list, array, siteTree, 0);
        int child2 = newTree(tree, list, array, siteTree, 0);
        int elements = heap.target(heap.target(root, 0), 0);
        heap.store(elements, 0, child1);
        heap.store(elements, 1, child2);
        heap.store(child1, 1, root);
        heap.store(child2, 1, root);
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, releaseAll());
        assertEquals(1, analysis.groups().size());
        CycleGroup group = analysis.groups().get(0);
        assertEquals("ArrayList.elementData -> Object[][*] -> Tree.parent -> Tree.children", group.shape());
        // The children's own (empty) lists and arrays hang off the cycle.
        assertEquals(5, group.objects());
        assertEquals(4, group.hangersOn());
        assertEquals(4, analysis.hangerOnObjects());
        // One label suffices; the fields among them that remove fewest edges: children and elementData
        // (1 each, inside the cycle), name order picks ArrayList.elementData.
        assertEquals(new WeakFieldSuggestion(List.of("ArrayList.elementData"), 1, true), analysis.weakFields());
    }

    private int newTree(int tree, int list, int array, int site, int capacity) {
        int t = heap.allocate(tree, 24, site);
        int l = heap.allocate(list, 24, 0);
        int a = heap.allocateArray(array, 16 + 4 * capacity, 0, capacity);
        heap.store(t, 0, l);
        heap.store(l, 0, a);
        return t;
    }

    @Test
    void objectsNoCycleReachesAreUnattributed() {
        int node = cls("p.Node", "next");
        int holder = heap.allocate(node, 16, 0);
        int held = heap.allocate(node, 16, 0);
        heap.store(holder, 0, held);
        heap.hostReleased(held); // still referenced by a host-held object: not a real leak
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, new int[] {held});
        assertEquals(1, analysis.unattributedObjects());
        assertEquals(16, analysis.unattributedBytes());
        assertTrue(analysis.groups().isEmpty());
        assertEquals(new WeakFieldSuggestion(List.of(), 0, true), analysis.weakFields());
    }

    @Test
    void badBatchesAreRejectedWithTheOffendingIdAndRecordNothing() {
        int node = cls("p.Node", "next");
        int a = heap.allocate(node, 16, 0);
        heap.store(a, 0, a);
        int held = heap.allocate(node, 16, 0);
        heap.hostReleased(a);
        LeakAccumulator accumulator = new LeakAccumulator();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(heap, new int[] {a, a}));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        IllegalArgumentException hostHeld = assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(heap, new int[] {a, held}));
        assertTrue(hostHeld.getMessage().contains("host-held"), hostHeld.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(heap, new int[] {9999}));
        assertTrue(unknown.getMessage().contains("9999"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> accumulator.add(heap, null));
        assertEquals(0, accumulator.snapshot().batches());
        accumulator.add(heap, new int[] {a});
        LeakAnalysis analysis = accumulator.snapshot();
        assertEquals(1, analysis.leakedObjects());
        assertNotNull(analysis.group("Node.next"));
    }

    @Test
    void millionNodeDoublyLinkedListAndRingNeedNoRecursion() {
        int node = cls("big.DoublyLinked$Node", "next", "prev");
        int ring = cls("big.Ring$Node", "next");
        int n = 1_000_000;
        int first = heap.allocate(node, 24, 0);
        int previous = first;
        for (int i = 1; i < n; i++) {
            int v = heap.allocate(node, 24, 0);
            heap.store(previous, 0, v);
            heap.store(v, 1, previous);
            previous = v;
        }
        int ringFirst = heap.allocate(ring, 16, 0);
        int ringLast = ringFirst;
        for (int i = 1; i < n; i++) {
            int v = heap.allocate(ring, 16, 0);
            heap.store(ringLast, 0, v);
            ringLast = v;
        }
        heap.store(ringLast, 0, ringFirst);
        int[] leaked = releaseAll();
        long start = System.nanoTime();
        LeakAnalysis analysis = LeakAnalyzer.analyze(heap, leaked);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("1M list + 1M ring analysed in " + millis + " ms");
        assertEquals(2 * n, analysis.cycleObjects());
        assertEquals(n, analysis.group("DoublyLinked$Node.next -> DoublyLinked$Node.prev").objects());
        assertEquals(n, analysis.group("Ring$Node.next+").objects());
        assertEquals(List.of("DoublyLinked$Node.next", "Ring$Node.next"), analysis.weakFields().labels());
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }
}
