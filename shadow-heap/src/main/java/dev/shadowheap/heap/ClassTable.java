package dev.shadowheap.heap;

import java.util.HashMap;
import java.util.Map;

/**
 * The classes a shadow heap has seen, by dense id. Registration is synchronized and rare; lookup by id
 * reads a published array and takes no lock.
 */
public final class ClassTable {

    private final Map<String, ShadowClass> byName = new HashMap<>();
    private volatile ShadowClass[] byId = new ShadowClass[64];
    private int size;

    /** Registers an instance class whose reference slots (in slot order) are all declared by the class itself. */
    public ShadowClass registerInstanceClass(String name, String[] slotNames, boolean container,
            ShadowClass.Finalizer finalizer) {
        String[] declaring = new String[slotNames.length];
        java.util.Arrays.fill(declaring, name);
        return register(name, false, container, finalizer, slotNames.clone(), declaring);
    }

    /**
     * Registers an instance class whose slots may be inherited: {@code declaringClasses[i]} is the binary name of
     * the class that declares slot {@code i} (its edge label names that class).
     */
    public ShadowClass registerInstanceClass(String name, String[] slotNames, String[] declaringClasses,
            boolean container, ShadowClass.Finalizer finalizer) {
        if (declaringClasses.length != slotNames.length) {
            throw new IllegalArgumentException("class " + name + ": " + slotNames.length + " slot names but "
                    + declaringClasses.length + " declaring classes");
        }
        for (String declaring : declaringClasses) {
            if (declaring == null || declaring.isEmpty()) {
                throw new IllegalArgumentException("declaring classes of " + name + " must not be empty");
            }
        }
        return register(name, false, container, finalizer, slotNames.clone(), declaringClasses.clone());
    }

    /** Registers an array-of-references class such as {@code java.lang.Object[]}. */
    public ShadowClass registerArrayClass(String name, boolean container) {
        return register(name, true, container, ShadowClass.Finalizer.NONE, new String[0], new String[0]);
    }

    private synchronized ShadowClass register(String name, boolean array, boolean container,
            ShadowClass.Finalizer finalizer, String[] slotNames, String[] declaringClasses) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("class name must not be empty");
        }
        if (finalizer == null) {
            throw new IllegalArgumentException("finalizer kind of " + name + " must not be null");
        }
        for (String slot : slotNames) {
            if (slot == null || slot.isEmpty()) {
                throw new IllegalArgumentException("slot names of " + name + " must not be empty");
            }
        }
        ShadowClass existing = byName.get(name);
        if (existing != null) {
            boolean same = existing.isArray() == array && existing.isContainer() == container
                    && existing.finalizer() == finalizer && existing.slotNames().equals(java.util.List.of(slotNames));
            if (!same) {
                throw new IllegalArgumentException("class " + name + " is already registered as " + existing);
            }
            return existing;
        }
        int id = ++size; // id 0 stays unused so that a zeroed class slot is recognisably "no class"
        ShadowClass shadowClass = new ShadowClass(id, name, array, container, finalizer, slotNames, declaringClasses);
        ShadowClass[] table = byId;
        if (id >= table.length) {
            table = java.util.Arrays.copyOf(table, table.length * 2);
        }
        table[id] = shadowClass;
        byId = table;
        byName.put(name, shadowClass);
        return shadowClass;
    }

    /** The class with this id; throws for an id never handed out. */
    public ShadowClass get(int id) {
        ShadowClass[] table = byId;
        ShadowClass shadowClass = id > 0 && id < table.length ? table[id] : null;
        if (shadowClass == null) {
            throw new IllegalArgumentException("unknown class id " + id);
        }
        return shadowClass;
    }

    public synchronized ShadowClass find(String name) {
        return byName.get(name);
    }

    public synchronized int size() {
        return size;
    }
}
