package dev.shadowheap.agent.track;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Field references as the rewritten bytecode names them ({@code PUTFIELD com/example/Node.next}),
 * numbered at instrumentation time and resolved to a shadow slot on first use. Resolution follows the
 * JVM's own field lookup, so the answer is the same for every object the instruction can store into.
 *
 * <p>The numbers are baked into bytecode once, but a resolved static reference points at a statics holder of
 * one shadow heap: so the numbering is shared ({@link #sharingNumbering}) by the field references of every
 * tracking window, and each window resolves its own.
 */
final class FieldRefs {

    /** A slot index not resolved yet. */
    private static final int UNRESOLVED = Integer.MIN_VALUE;
    /** The field exists but is no slot (a {@code Reference} field) or could not be found. */
    static final int NO_SLOT = -1;

    /** One numbered field reference. */
    static final class FieldRef {
        final String ownerName;
        final String fieldName;
        final boolean isStatic;
        volatile int slot = UNRESOLVED;
        volatile StaticHolder holder;

        FieldRef(String ownerName, String fieldName, boolean isStatic) {
            this.ownerName = ownerName;
            this.fieldName = fieldName;
            this.isStatic = isStatic;
        }
    }

    /** The numbering: which id names which field; never resolved itself. */
    private static final class Numbering {
        private final Map<String, Integer> byKey = new HashMap<>();
        private volatile FieldRef[] names = new FieldRef[256];
        private int count;

        synchronized int register(String ownerInternalName, String fieldName, boolean isStatic) {
            String key = ownerInternalName + '.' + fieldName + (isStatic ? "/s" : "");
            Integer known = byKey.get(key);
            if (known != null) {
                return known;
            }
            int id = count++;
            FieldRef[] table = names;
            if (id == table.length) {
                table = Arrays.copyOf(table, table.length * 2);
            }
            table[id] = new FieldRef(ownerInternalName.replace('/', '.'), fieldName, isStatic);
            names = table;
            byKey.put(key, id);
            return id;
        }

        FieldRef get(int id) {
            FieldRef[] table = names;
            if (id < 0 || id >= table.length || table[id] == null) {
                throw new IllegalArgumentException("unknown field reference " + id);
            }
            return table[id];
        }
    }

    private final Numbering numbering;
    private volatile FieldRef[] refs = new FieldRef[256];

    FieldRefs() {
        this(new Numbering());
    }

    private FieldRefs(Numbering numbering) {
        this.numbering = numbering;
    }

    /** Field references numbered as these are (now and later), resolved afresh: for another shadow heap. */
    FieldRefs sharingNumbering() {
        return new FieldRefs(numbering);
    }

    int register(String ownerInternalName, String fieldName, boolean isStatic) {
        return numbering.register(ownerInternalName, fieldName, isStatic);
    }

    FieldRef get(int id) {
        FieldRef[] table = refs;
        if (id >= 0 && id < table.length && table[id] != null) {
            return table[id];
        }
        return resolvable(id);
    }

    /** This heap's own copy of a numbered reference, made on its first use here. */
    private synchronized FieldRef resolvable(int id) {
        FieldRef name = numbering.get(id); // throws for an unknown id
        FieldRef[] table = refs;
        if (id >= table.length) {
            table = Arrays.copyOf(table, Math.max(id + 1, table.length * 2));
        }
        if (table[id] == null) {
            table[id] = new FieldRef(name.ownerName, name.fieldName, name.isStatic);
            refs = table;
        }
        return table[id];
    }

    /** The slot an instance-field reference writes in objects of {@code runtimeClass}, or {@link #NO_SLOT}. */
    int instanceSlot(int refId, Class<?> runtimeClass, ClassLayouts layouts) {
        FieldRef ref = get(refId);
        int slot = ref.slot;
        if (slot != UNRESOLVED) {
            return slot;
        }
        Class<?> start = runtimeClass;
        while (start != null && !start.getName().equals(ref.ownerName)) {
            start = start.getSuperclass();
        }
        slot = NO_SLOT;
        for (Class<?> k = start == null ? runtimeClass : start; k != null; k = k.getSuperclass()) {
            Field field = declared(k, ref.fieldName, false);
            if (field != null) {
                slot = SlotRules.isInstanceSlot(field) ? layouts.of(k).slotOfOffset(Memory.instanceOffset(field)) : NO_SLOT;
                break;
            }
        }
        ref.slot = slot;
        return slot;
    }

    /** Resolves a static-field reference named through {@code named}; sets its holder and slot. */
    FieldRef resolveStatic(int refId, Class<?> named, ClassLayouts layouts) {
        FieldRef ref = get(refId);
        if (ref.slot != UNRESOLVED) {
            return ref;
        }
        Field field = findStatic(named, ref.fieldName);
        if (field == null) {
            ref.slot = NO_SLOT;
            return ref;
        }
        StaticHolder holder = layouts.staticsOf(field.getDeclaringClass());
        ref.holder = holder;
        ref.slot = holder.slotOf(field);
        return ref;
    }

    /** JVM static field lookup: the class, its superinterfaces, then its superclass. */
    private static Field findStatic(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        Field field = declared(type, name, true);
        if (field != null) {
            return field;
        }
        for (Class<?> itf : type.getInterfaces()) {
            field = findStatic(itf, name);
            if (field != null) {
                return field;
            }
        }
        return findStatic(type.getSuperclass(), name);
    }

    private static Field declared(Class<?> type, String name, boolean isStatic) {
        for (Field field : Reflection.declaredFields(type)) {
            if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers()) == isStatic) {
                return field;
            }
        }
        return null;
    }
}
