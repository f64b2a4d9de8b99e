package dev.shadowheap.model.pymalloc;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PymallocHeapListenerTest {

    @Test
    void blocksFollowShadowObjectLifetimes() {
        ShadowHeap heap = new ShadowHeap();
        Pymalloc allocator = new Pymalloc(CPythonProfile.PY_3_11);
        PymallocHeapListener listener = new PymallocHeapListener(allocator);
        heap.addListener(listener);
        ShadowClass node = heap.classes().registerInstanceClass("demo.Node", new String[] {"next"}, true,
                ShadowClass.Finalizer.NONE);
        ShadowClass boxed = heap.classes().registerInstanceClass("demo.Box", new String[0], false,
                ShadowClass.Finalizer.NONE);
        ShadowClass array = heap.classes().registerArrayClass("java.lang.Object[]", true);

        int a = heap.allocate(node.id(), 24, SiteTable.UNKNOWN);
        int b = heap.allocate(node.id(), 24, SiteTable.UNKNOWN);
        int box = heap.allocate(boxed.id(), 16, SiteTable.UNKNOWN);
        int small = heap.allocateArray(array.id(), 32, SiteTable.UNKNOWN, 3);
        int big = heap.allocateArray(array.id(), 416, SiteTable.UNKNOWN, 100);
        int empty = heap.allocateArray(array.id(), 16, SiteTable.UNKNOWN, 0);

        assertEquals(2, allocator.sizeClassOf(listener.objectBlock(a)), "24 + 16 GC head = 40 bytes: class 2");
        assertEquals(0, allocator.sizeClassOf(listener.objectBlock(box)), "16 bytes, not a container: class 0");
        assertEquals(3, allocator.sizeClassOf(listener.objectBlock(small)), "list object 56 bytes: class 3");
        assertEquals(1, allocator.sizeClassOf(listener.itemBlock(small)), "3 items * 8 = 24 bytes: class 1");
        assertTrue(Pymalloc.isRaw(listener.itemBlock(big)), "100 items * 8 = 800 bytes: system malloc");
        assertEquals(0, listener.itemBlock(empty));
        assertEquals(7, allocator.blocksInUse());
        assertEquals(1, allocator.stats().systemBlocks());

        // a <-> b is a cycle: released by the host, reference counting keeps both blocks.
        heap.store(a, 0, b);
        heap.store(b, 0, a);
        heap.hostReleased(a);
        heap.hostReleased(b);
        assertEquals(7, allocator.blocksInUse());
        heap.clearSlots(a); // what the cycle collector's tp_clear does
        assertEquals(5, allocator.blocksInUse());
        heap.hostReleased(big);
        heap.hostReleased(small);
        assertEquals(2, allocator.blocksInUse(), "box and the empty list remain");
        assertEquals(0, allocator.stats().systemBlocks());
        assertEquals(0, allocator.stats().blocksInUse(1));
    }

    @Test
    void sizeMappingRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ObjectSizeMapping.instanceRequest(-1, true));
        assertThrows(IllegalArgumentException.class, () -> ObjectSizeMapping.listItemsRequest(-2));
        assertThrows(IllegalArgumentException.class, () -> new PymallocHeapListener(null));
        assertEquals(56, ObjectSizeMapping.listObjectRequest(true));
    }
}
