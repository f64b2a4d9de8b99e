package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Layouts are asked for through a small cache keyed by the class's identity hash: with more classes than the cache has
 * entries, classes share entries, and each must still get its own layout, the same one every time.
 */
class ClassLayoutsTest {

    /** Array classes of every element kind and of 1 to 255 dimensions: 2,295 distinct classes. */
    private static List<Class<?>> manyClasses() throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        String[] elements = {"I", "J", "Z", "B", "C", "S", "F", "D", "Ljava.lang.Object;"};
        for (String element : elements) {
            StringBuilder name = new StringBuilder(element);
            for (int dims = 1; dims <= 255; dims++) {
                name.insert(0, '[');
                classes.add(Class.forName(name.toString()));
            }
        }
        return classes;
    }

    @Test
    void everyClassGetsItsOwnLayoutEvenWhenClassesShareACacheEntry() throws Exception {
        ClassLayouts layouts = new ClassLayouts(new ShadowHeap(), type -> true);
        List<Class<?>> classes = manyClasses();
        Map<Class<?>, ClassLayout> first = new IdentityHashMap<>();
        for (Class<?> type : classes) {
            ClassLayout layout = layouts.of(type);
            assertSame(type, layout.type);
            first.put(type, layout);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = classes.size() - 1; i >= 0; i--) { // another order, so that entries keep changing hands
                Class<?> type = classes.get(i);
                assertSame(first.get(type), layouts.of(type), type.getName());
            }
        }
        assertEquals(classes.size(), first.size());
    }

    /** A class with reference fields declared at several levels, mixed with primitives. */
    static class Mixed extends java.util.HashMap<Object, Object> {
        Object first;
        long number;
        String second;
        int count;
        Object[] third;
        Runnable fourth;
    }

    @Test
    void everyReferenceFieldOffsetFindsItsSlotAndNoOtherOffsetDoes() throws Exception {
        ClassLayouts layouts = new ClassLayouts(new ShadowHeap(), type -> true);
        ClassLayout layout = layouts.of(Mixed.class);
        assertEquals(layout.slotFields.length, layout.slotOffsets.length);
        assertTrue(layout.slotFields.length >= 8, "HashMap's and AbstractMap's reference fields, and Mixed's four");
        for (int slot = 0; slot < layout.slotOffsets.length; slot++) {
            assertEquals(slot, layout.slotOfOffset(layout.slotOffsets[slot]), layout.slotFields[slot].getName());
        }
        for (String primitive : new String[] {"number", "count"}) {
            long offset = Memory.instanceOffset(Mixed.class.getDeclaredField(primitive));
            assertEquals(-1, layout.slotOfOffset(offset), primitive);
        }
    }
}
