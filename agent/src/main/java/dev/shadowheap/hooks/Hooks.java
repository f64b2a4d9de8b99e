package dev.shadowheap.hooks;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The static entry points instrumented code calls for allocations and plain stores. Loaded by the
 * bootstrap loader so that instrumented JDK classes can see it.
 *
 * <p>Every entry point does nothing until {@link #install} gives it a sink, and returns after one volatile
 * read while there is none (between tracking windows). A pending-{@code NEW} entry pushed or popped across
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
    private static final AtomicLong ERRORS = new AtomicLong();
    private static volatile Throwable firstError;

    private Hooks() {
    }

    public static void install(HookSink newSink) {
        sink = newSink;
    }

    /** Stops reporting; instrumented code keeps calling in but returns at once. */
    public static void uninstall() {
        sink = null;
    }

    public static long errors() {
        return ERRORS.get();
    }

    public static Throwable firstError() {
        return firstError;
    }

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
        if (sink == null) {
            return; // between tracking windows: one volatile read, no thread-local lookup
        }
        ThreadState state = ThreadState.current();
        if (state.tracking()) {
            state.pushPending(site, className);
        }
    }

    /** After {@code <init>} returned for an object made by a {@code NEW} whose reference was not kept. */
    public static void discardNew() {
        if (sink == null) {
            return;
        }
        ThreadState state = ThreadState.current();
        if (state.tracking()) {
            state.popPending();
        }
    }

    /** Right after {@code <init>} returned for an object made by {@code NEW}. */
    public static void afterNew(Object object) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.current();
        if (!state.tracking()) {
            return;
        }
        int site = state.popPending();
        if (object == null) {
            return;
        }
        state.enterActive();
        try {
            current.track(object, site);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /**
     * In a constructor, right after {@code super(...)} or {@code this(...)} returned: the object is
     * initialized from here on, and stores into it or of it must be seen, so it is tracked now.
     */
    public static void constructed(Object self) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            int site = state.pendingSiteFor(self.getClass().getName());
            // The JVM makes exceptions natively all the time (implicit null checks, speculative linkage in
            // java.lang.invoke) and runs their constructors itself: those are the JVM's own objects, not the
            // program's, and are left untracked. An exception the program makes with `new` has a pending site.
            if (site != 0 || !(self instanceof Throwable)) {
                current.track(self, site);
            }
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** After {@code NEWARRAY}/{@code ANEWARRAY}. */
    public static void newArray(Object array, int site) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            current.trackNewArray(array, site);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** After {@code MULTIANEWARRAY}. */
    public static void newArrayTree(Object array, int site) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            current.trackArrayTree(array, site);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /**
     * An object made where no constructor of ours ran: {@code clone()}, {@code Array.newInstance},
     * a lambda returned by {@code invokedynamic}. Tracked with its current fields as its edges.
     */
    public static void adopt(Object object, int site) {
        HookSink current = sink;
        if (current == null || object == null) {
            return;
        }
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            current.track(object, site);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stores

    /** Before {@code PUTFIELD} of a reference. */
    public static void putField(Object owner, Object value, int fieldRef) {
        HookSink current = sink;
        if (current == null || owner == null) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.putField(owner, value, fieldRef);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** Before {@code PUTSTATIC} of a reference. */
    public static void putStatic(Object value, Class<?> named, int fieldRef) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.putStatic(named, value, fieldRef);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** Replaces {@code AASTORE}: stores, then reports. */
    public static void aastore(Object[] array, int index, Object value) {
        array[index] = value;
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.arrayStored(array, index, value);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** Replaces {@code System.arraycopy}: copies, then reports the overwritten range of reference arrays. */
    public static void arraycopy(Object src, int srcPos, Object dest, int destPos, int length) {
        System.arraycopy(src, srcPos, dest, destPos, length);
        HookSink current = sink;
        if (current == null || length == 0 || !(dest instanceof Object[])) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.arrayCopied(dest, destPos, length);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    /** At the normal exit of {@link Field#set}, inside {@code Field} itself so caller-sensitivity is kept. */
    public static void fieldSet(Field field, Object owner, Object value) {
        HookSink current = sink;
        if (current == null || field.getType().isPrimitive()) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.fieldSet(field, owner, value);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    // Shared by the bridges: report a store through Unsafe or a VarHandle.

    static void referenceStored(Object base, long offset, Object value) {
        HookSink current = sink;
        if (current == null || base == null) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.referenceStored(base, offset, value);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    static void varHandleStored(java.lang.invoke.VarHandle handle, Object owner, Object value) {
        HookSink current = sink;
        if (current == null) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.varHandleStored(handle, owner, value);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }

    static void arrayElementStored(Object array, int index, Object value) {
        HookSink current = sink;
        if (current == null || !(array instanceof Object[])) {
            return;
        }
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            current.arrayStored((Object[]) array, index, value);
        } catch (Throwable t) {
            failed(t);
        } finally {
            state.exit();
        }
    }
}
