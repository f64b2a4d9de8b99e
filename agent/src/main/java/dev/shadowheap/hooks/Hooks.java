package dev.shadowheap.hooks;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The static entry points instrumented code calls for allocations and plain stores. Loaded by the
 * bootstrap loader so that instrumented JDK classes can see it.
 *
 * <p>Every entry point does nothing until {@link #install} gives it a sink, and returns after one volatile
 * read while there is none (between tracking windows). Each is only that test: what a hook does with a sink lives in
 * {@link ActiveHooks}, so that the JIT may inline the test into the program's methods (a load and a branch between
 * windows, where a call per store cost the program a third of its speed) while it never inlines the tracking path
 * behind it (see {@code HookInlining} in the agent). A pending-{@code NEW} entry pushed or popped across
 * an install or uninstall is left behind or missed, which can only misattribute the site of an object whose
 * construction spans that moment. Every entry point also does nothing while another hook runs on the
 * calling thread, tracks no allocation while agent code runs on it (stores are still reported then: see
 * {@link ThreadState}), and never lets a sink failure reach the application: it is counted in
 * {@link #errors()} instead. Entry points that replace an
 * instruction ({@link #aastore}, {@link #arraycopy}) perform it themselves first, so the
 * application sees exactly the original exceptions.
 */
public final class Hooks {

    private static volatile HookSink sink;
    /** The installed sink's filters, or null when it tracks every class: see {@link ClassSelection}. */
    private static volatile ClassSelection selection;
    private static final AtomicLong ERRORS = new AtomicLong();
    private static volatile Throwable firstError;

    private Hooks() {
    }

    public static void install(HookSink newSink) {
        install(newSink, null);
    }

    /**
     * @param filters the classes {@code newSink} tracks objects of, or null if it tracks every class: stores into and
     *                copies of objects of other classes are then dropped in the gates (the sink would drop them)
     */
    public static void install(HookSink newSink, ClassSelection filters) {
        selection = filters;
        sink = newSink; // after the selection: a gate that sees the sink sees its filters
    }

    /** Stops reporting; instrumented code keeps calling in but returns at once. */
    public static void uninstall() {
        sink = null;
        selection = null;
    }

    /** Whether the installed filters may track this object (true without filters, or for a class not yet asked). */
    private static boolean mayBeSelected(Object object) {
        ClassSelection filters = selection;
        return filters == null || filters.mayBeSelected(object.getClass());
    }

    public static long errors() {
        return ERRORS.get();
    }

    public static Throwable firstError() {
        return firstError;
    }

    /** Counts a failure of the sink; the first is kept for the report. */
    static void failed(Throwable error) {
        if (ERRORS.getAndIncrement() == 0) {
            firstError = error;
        }
    }

    static HookSink sink() {
        return sink;
    }

    // ------------------------------------------------------------------------------------------
    // Allocations

    /** Right after {@code NEW cls}: the constructor about to run belongs to an allocation at {@code site}. */
    public static void beforeNew(int site, String className) {
        if (sink != null) {
            ActiveHooks.beforeNew(site, className);
        }
    }

    /** After {@code <init>} returned for an object made by a {@code NEW} whose reference was not kept. */
    public static void discardNew() {
        if (sink != null) {
            ActiveHooks.discardNew();
        }
    }

    /** Right after {@code <init>} returned for an object made by {@code NEW}. */
    public static void afterNew(Object object) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.afterNew(current, object);
        }
    }

    /**
     * In a constructor, right after {@code super(...)} or {@code this(...)} returned: the object is
     * initialized from here on, and stores into it or of it must be seen, so it is tracked now.
     */
    public static void constructed(Object self) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.constructed(current, self);
        }
    }

    /** After {@code NEWARRAY}/{@code ANEWARRAY}. */
    public static void newArray(Object array, int site) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.newArray(current, array, site);
        }
    }

    /** After {@code MULTIANEWARRAY}. */
    public static void newArrayTree(Object array, int site) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.newArrayTree(current, array, site);
        }
    }

    /**
     * An object made where no constructor of ours ran: {@code clone()}, {@code Array.newInstance},
     * a lambda returned by {@code invokedynamic}. Tracked with its current fields as its edges.
     */
    public static void adopt(Object object, int site) {
        HookSink current = sink;
        if (current != null && object != null && mayBeSelected(object)) {
            ActiveHooks.adopt(current, object, site);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stores

    /** Before {@code PUTFIELD} of a reference. */
    public static void putField(Object owner, Object value, int fieldRef) {
        HookSink current = sink;
        if (current != null && owner != null && mayBeSelected(owner)) {
            ActiveHooks.putField(current, owner, value, fieldRef);
        }
    }

    /** Before {@code PUTSTATIC} of a reference. */
    public static void putStatic(Object value, Class<?> named, int fieldRef) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.putStatic(current, value, named, fieldRef);
        }
    }

    /** Replaces {@code AASTORE}: stores, then reports. */
    public static void aastore(Object[] array, int index, Object value) {
        array[index] = value;
        HookSink current = sink;
        if (current != null && mayBeSelected(array)) {
            ActiveHooks.arrayStored(current, array, index, value);
        }
    }

    /** Replaces {@code System.arraycopy}: copies, then reports the overwritten range of reference arrays. */
    public static void arraycopy(Object src, int srcPos, Object dest, int destPos, int length) {
        System.arraycopy(src, srcPos, dest, destPos, length);
        HookSink current = sink;
        if (current != null && mayBeSelected(dest)) { // the rest of the test is behind the gate
            ActiveHooks.arrayCopied(current, dest, destPos, length);
        }
    }

    /** At the normal exit of {@link Field#set}, inside {@code Field} itself so caller-sensitivity is kept. */
    public static void fieldSet(Field field, Object owner, Object value) {
        HookSink current = sink;
        if (current != null && !field.getType().isPrimitive()) {
            ActiveHooks.fieldSet(current, field, owner, value);
        }
    }

    // Shared by the bridges: report a store through Unsafe or a VarHandle.

    static void referenceStored(Object base, long offset, Object value) {
        HookSink current = sink;
        if (current != null && base != null) {
            ActiveHooks.referenceStored(current, base, offset, value);
        }
    }

    static void varHandleStored(java.lang.invoke.VarHandle handle, Object owner, Object value) {
        HookSink current = sink;
        if (current != null) {
            ActiveHooks.varHandleStored(current, handle, owner, value);
        }
    }

    static void arrayElementStored(Object array, int index, Object value) {
        HookSink current = sink;
        if (current != null && array instanceof Object[] && mayBeSelected(array)) {
            ActiveHooks.arrayStored(current, (Object[]) array, index, value);
        }
    }
}
