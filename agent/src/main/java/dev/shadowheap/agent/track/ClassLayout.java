package dev.shadowheap.agent.track;

import java.lang.reflect.Field;
import java.util.Arrays;

/**
 * How the agent maps objects of one Java class onto the shadow heap: the shadow class, where each
 * reference slot lives in memory, and whether objects of the class can be tracked faithfully.
 *
 * <p>Slots of an instance class are the superclass's slots followed by the class's own reference
 * fields, so a field has the same slot index in every subclass. Arrays of references have one slot
 * per element; primitive arrays have none.
 */
final class ClassLayout {

    final Class<?> type;
    final int classId;
    final boolean referenceArray;
    /**
     * False when some reference field may change in code the agent does not rewrite (a superclass
     * outside the instrumented scope with non-final reference fields): such objects are not tracked.
     */
    final boolean trackable;
    final Field[] slotFields;
    final long[] slotOffsets;
    private final long[] sortedOffsets;
    private final int[] slotBySortedOffset;
    private volatile int instanceSize = -1;
    /** For array classes: where elements start and how many bytes each takes (see {@link ArraySizes}); else 0. */
    final long arrayBase;
    final long arrayScale;
    /** Whether objects of the class carry the agent's id field, whose 8 bytes are not the program's. */
    final boolean hasIdField;

    ClassLayout(Class<?> type, int classId, boolean referenceArray, boolean trackable, Field[] slotFields) {
        this.type = type;
        this.classId = classId;
        this.referenceArray = referenceArray;
        this.trackable = trackable;
        this.slotFields = slotFields;
        this.slotOffsets = new long[slotFields.length];
        for (int i = 0; i < slotFields.length; i++) {
            slotOffsets[i] = Memory.instanceOffset(slotFields[i]);
        }
        this.sortedOffsets = sortedCopy(slotOffsets);
        this.hasIdField = IdSlots.offsetIn(type) != IdSlots.NONE;
        this.arrayBase = type.isArray() ? Memory.arrayBase(type) : 0;
        this.arrayScale = type.isArray() ? Memory.arrayScale(type) : 0;
        this.slotBySortedOffset = new int[slotFields.length];
        for (int i = 0; i < slotFields.length; i++) {
            slotBySortedOffset[Arrays.binarySearch(sortedOffsets, slotOffsets[i])] = i;
        }
    }

    /**
     * The offsets in ascending order, by insertion: a class has a few reference fields. Not {@code Arrays.sort}: a
     * layout is built inside a hook, and on JDK 25 the first {@code Arrays.sort(long[])} in the JVM links a lambda in
     * {@code DualPivotQuicksort}, which interns method types into a {@code ConcurrentHashMap} the program shares;
     * those stores, made inside a hook, are not mirrored, and Jython's audit then found a stale
     * {@code ConcurrentHashMap$Node.next} (0.0006 % in CI).
     */
    private static long[] sortedCopy(long[] offsets) {
        long[] sorted = offsets.clone();
        for (int i = 1; i < sorted.length; i++) {
            long offset = sorted[i];
            int j = i - 1;
            for (; j >= 0 && sorted[j] > offset; j--) {
                sorted[j + 1] = sorted[j];
            }
            sorted[j + 1] = offset;
        }
        return sorted;
    }

    /** The slot of the reference field at this offset, or -1 if no slot lives there. */
    int slotOfOffset(long offset) {
        int index = Arrays.binarySearch(sortedOffsets, offset);
        return index < 0 ? -1 : slotBySortedOffset[index];
    }

    int slotCount() {
        return slotFields.length;
    }

    int cachedInstanceSize() {
        return instanceSize;
    }

    void cacheInstanceSize(int size) {
        instanceSize = size;
    }
}
