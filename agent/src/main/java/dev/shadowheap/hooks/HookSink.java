package dev.shadowheap.hooks;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * What the instrumented code reports, as the agent receives it. Only JDK types appear here because this
 * interface lives on the bootstrap class path, where the agent's own classes are invisible.
 *
 * <p>Calls arrive on application threads, never re-entrantly (see {@link ThreadState}); store calls also arrive
 * while agent code runs (its own threads, the transformer), where the owner is mostly the agent's own untracked
 * object and must then be ignored quietly. An implementation
 * may throw, and {@link Hooks} counts that and lets the application continue.
 *
 * <p>Each store call returns how many shadow slots it wrote (0 when it ignored the store), which the hooks count per
 * thread ({@link StoreTally}) instead of the sink counting on a shared counter.
 */
public interface HookSink {

    /**
     * A new or newly seen object: start tracking it if it is not tracked yet, taking its current
     * reference fields (or elements) as its initial edges.
     */
    void track(Object object, int site);

    /** A freshly allocated array whose elements are all null or zero. */
    void trackNewArray(Object array, int site);

    /** A multi-dimensional array allocated in one instruction: the array and every nested array. */
    void trackArrayTree(Object array, int site);

    /** {@code owner.f = value} for the field reference registered as {@code fieldRef}; called before the store. */
    int putField(Object owner, Object value, int fieldRef);

    /** {@code C.f = value} for the static field reference {@code fieldRef} named through class {@code named}. */
    int putStatic(Class<?> named, Object value, int fieldRef);

    /** {@code array[index] = value}, after the store succeeded. */
    int arrayStored(Object[] array, int index, Object value);

    /** {@code length} elements of {@code dest} starting at {@code destPos} were overwritten by a copy. */
    int arrayCopied(Object dest, int destPos, int length);

    /** A reference was written at {@code base + offset} through {@code Unsafe}. */
    int referenceStored(Object base, long offset, Object value);

    /** A reference was written through a field {@link VarHandle}; {@code owner} is null for static fields. */
    int varHandleStored(VarHandle handle, Object owner, Object value);

    /** {@link Field#set} completed. */
    int fieldSet(Field field, Object owner, Object value);
}
