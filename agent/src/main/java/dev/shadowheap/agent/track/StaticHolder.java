package dev.shadowheap.agent.track;

import java.lang.reflect.Field;

/**
 * The static reference fields of one class, modelled as one pinned shadow object (the class's
 * "module dict"): a static field is a slot of that object, and what it holds is a static root.
 * The shadow object is made on the first static store the agent sees.
 */
final class StaticHolder {

    final Class<?> type;
    final int classId;
    final Field[] fields;
    final long[] offsets;
    /** The pinned shadow object, 0 until made. Written under this holder's monitor. */
    volatile int holderId;

    StaticHolder(Class<?> type, int classId, Field[] fields) {
        this.type = type;
        this.classId = classId;
        this.fields = fields;
        this.offsets = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            offsets[i] = Memory.staticOffset(fields[i]);
        }
    }

    int slotOfOffset(long offset) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] == offset) {
                return i;
            }
        }
        return -1;
    }

    int slotOf(Field field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    Object base() {
        return fields.length == 0 ? null : Memory.staticBase(fields[0]);
    }
}
