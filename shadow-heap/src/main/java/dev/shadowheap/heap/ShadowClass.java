package dev.shadowheap.heap;

import java.util.Arrays;
import java.util.List;

/**
 * What the shadow heap knows about one class of objects: its name, the names of its reference
 * slots, and the two facts the CPython models need (is it a GC container, does it have a finalizer).
 *
 * <p>Instances are immutable and owned by a {@link ClassTable}, which hands out the dense ids the
 * hot path stores per object.
 */
public final class ShadowClass {

    /** How CPython would finalize an object of this class. */
    public enum Finalizer {
        /** No finalizer: the collector frees it without calling anything. */
        NONE,
        /** A PEP 442 finalizer ({@code tp_finalize}, Python's {@code __del__}): run at most once. */
        FINALIZE,
        /** A legacy {@code tp_del}: cycles holding one are uncollectable and end in {@code gc.garbage}. */
        LEGACY
    }

    private final int id;
    private final String name;
    private final String displayName;
    private final boolean array;
    private final boolean container;
    private final Finalizer finalizer;
    private final String[] slotNames;
    private final String[] slotLabels;

    ShadowClass(int id, String name, boolean array, boolean container, Finalizer finalizer, String[] slotNames,
            String[] declaringClasses) {
        this.id = id;
        this.name = name;
        this.displayName = displayName(name);
        this.array = array;
        this.container = container;
        this.finalizer = finalizer;
        this.slotNames = slotNames;
        this.slotLabels = new String[slotNames.length];
        for (int i = 0; i < slotNames.length; i++) {
            slotLabels[i] = displayName(declaringClasses[i]) + "." + slotNames[i];
        }
    }

    public int id() {
        return id;
    }

    /** The binary name, e.g. {@code java.util.LinkedList$Node} or {@code java.lang.Object[]}. */
    public String name() {
        return name;
    }

    /** The name without its package, as reports print it: {@code LinkedList$Node}, {@code Object[]}. */
    public String displayName() {
        return displayName;
    }

    /** True for arrays of references: their slots are element indices and their length varies. */
    public boolean isArray() {
        return array;
    }

    /**
     * True when CPython would make such an object GC-capable and track it. The rule a host applies
     * is its own (the agent documents the one it uses for Java classes); the model only trusts it.
     */
    public boolean isContainer() {
        return container;
    }

    public Finalizer finalizer() {
        return finalizer;
    }

    /** Number of reference slots of an instance; arrays have their length instead. */
    public int slotCount() {
        return slotNames.length;
    }

    /** The field name behind a slot, or {@code [*]} for any element of an array. */
    public String slotName(int slot) {
        if (array) {
            return "[*]";
        }
        return slotNames[slot];
    }

    /**
     * The edge label reports use: the class that <em>declares</em> the field and the field's name
     * ({@code LinkedList$Node.next}; {@code Throwable.cause} for any exception), or {@code Object[][*]} for an
     * array element. Naming the declaring class groups subclasses that share one field, and names the place a
     * user would edit to make it weak.
     */
    public String edgeLabel(int slot) {
        return array ? displayName + "[*]" : slotLabels[slot];
    }

    public List<String> slotNames() {
        return List.of(slotNames);
    }

    /**
     * The binary name without its package. Hidden classes lose their run-dependent suffix
     * ({@code Foo$$Lambda$14/0x0000000800c0b000} and JDK 25's {@code Foo$$Lambda/0x...} both read {@code Foo$$Lambda}),
     * so that one lambda's objects group together across runs and JDKs.
     */
    public static String displayName(String binaryName) {
        String name = binaryName;
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda + "$$Lambda".length());
        } else {
            int hidden = name.indexOf('/');
            if (hidden >= 0) {
                name = name.substring(0, hidden);
            }
        }
        int dot = name.lastIndexOf('.', name.endsWith("[]") ? name.indexOf('[') : name.length());
        return dot < 0 ? name : name.substring(dot + 1);
    }

    @Override
    public String toString() {
        return name + (array ? "" : Arrays.toString(slotNames)) + (container ? " container" : "")
                + (finalizer == Finalizer.NONE ? "" : " " + finalizer);
    }
}
