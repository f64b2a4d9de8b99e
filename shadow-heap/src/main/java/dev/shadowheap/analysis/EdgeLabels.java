package dev.shadowheap.analysis;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Edge labels ({@code LinkedList$Node.next}, {@code Object[][*]}) by dense id, stable across the
 * batches of one accumulator so that per-label counts can be summed after the objects are gone.
 * Two classes with the same display name share labels, as they share shapes in reports.
 */
final class EdgeLabels {

    private final Map<String, Integer> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Boolean> arrayElement = new ArrayList<>();
    // Per class id of the heap seen last, label id + 1 per slot (one entry for arrays); class ids
    // are only meaningful per heap. Avoids a map lookup per edge of a million-edge batch.
    private int[][] bySlot = new int[64][];
    private ShadowHeap slotHeap;

    int labelOf(ShadowHeap heap, int classId, int slot) {
        if (heap != slotHeap) {
            bySlot = new int[64][];
            slotHeap = heap;
        }
        if (classId >= bySlot.length) {
            bySlot = Arrays.copyOf(bySlot, Math.max(classId + 1, bySlot.length * 2));
        }
        int[] slots = bySlot[classId];
        ShadowClass shadowClass = null;
        if (slots == null) {
            shadowClass = heap.classes().get(classId);
            slots = bySlot[classId] = new int[shadowClass.isArray() ? 1 : shadowClass.slotCount()];
        }
        int index = slots.length == 1 ? 0 : slot;
        if (slots[index] == 0) {
            if (shadowClass == null) {
                shadowClass = heap.classes().get(classId);
            }
            slots[index] = intern(shadowClass.edgeLabel(slot), shadowClass.isArray()) + 1;
        }
        return slots[index] - 1;
    }

    private int intern(String name, boolean array) {
        Integer known = byName.get(name);
        if (known != null) {
            return known;
        }
        int id = names.size();
        names.add(name);
        arrayElement.add(array);
        byName.put(name, id);
        return id;
    }

    String name(int label) {
        return names.get(label);
    }

    /** True for an array-element label: arrays cannot hold weak elements, so fixes prefer fields. */
    boolean isArrayElement(int label) {
        return arrayElement.get(label);
    }

    int size() {
        return names.size();
    }
}
