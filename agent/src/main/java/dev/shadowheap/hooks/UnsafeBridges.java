package dev.shadowheap.hooks;

/**
 * Stand-ins for the reference-writing methods of {@code jdk.internal.misc.Unsafe} and
 * {@code sun.misc.Unsafe}. The instrumenter turns {@code invokevirtual Unsafe.m(args)} into
 * {@code invokestatic UnsafeBridges.m(unsafe, args)}: same name, the receiver as first parameter. Each
 * bridge performs the original operation and reports the store only when it happened (a compare-and-set
 * that failed stored nothing).
 *
 * <p>{@code java.base} must export {@code jdk.internal.misc} to the bootstrap unnamed module before this
 * class is linked; the agent does that with {@code Instrumentation.redefineModule}.
 */
public final class UnsafeBridges {

    private UnsafeBridges() {
    }

    // ---- jdk.internal.misc.Unsafe

    public static void putReference(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        u.putReference(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static void putReferenceVolatile(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        u.putReferenceVolatile(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static void putReferenceRelease(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        u.putReferenceRelease(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static void putReferenceOpaque(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        u.putReferenceOpaque(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static boolean compareAndSetReference(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.compareAndSetReference(o, offset, e, x), o, offset, x);
    }

    public static boolean weakCompareAndSetReference(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.weakCompareAndSetReference(o, offset, e, x), o, offset, x);
    }

    public static boolean weakCompareAndSetReferencePlain(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.weakCompareAndSetReferencePlain(o, offset, e, x), o, offset, x);
    }

    public static boolean weakCompareAndSetReferenceAcquire(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.weakCompareAndSetReferenceAcquire(o, offset, e, x), o, offset, x);
    }

    public static boolean weakCompareAndSetReferenceRelease(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.weakCompareAndSetReferenceRelease(o, offset, e, x), o, offset, x);
    }

    public static Object compareAndExchangeReference(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return exchanged(u.compareAndExchangeReference(o, offset, e, x), o, offset, e, x);
    }

    public static Object compareAndExchangeReferenceAcquire(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return exchanged(u.compareAndExchangeReferenceAcquire(o, offset, e, x), o, offset, e, x);
    }

    public static Object compareAndExchangeReferenceRelease(jdk.internal.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return exchanged(u.compareAndExchangeReferenceRelease(o, offset, e, x), o, offset, e, x);
    }

    public static Object getAndSetReference(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        Object old = u.getAndSetReference(o, offset, x);
        Hooks.referenceStored(o, offset, x);
        return old;
    }

    public static Object getAndSetReferenceAcquire(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        Object old = u.getAndSetReferenceAcquire(o, offset, x);
        Hooks.referenceStored(o, offset, x);
        return old;
    }

    public static Object getAndSetReferenceRelease(jdk.internal.misc.Unsafe u, Object o, long offset, Object x) {
        Object old = u.getAndSetReferenceRelease(o, offset, x);
        Hooks.referenceStored(o, offset, x);
        return old;
    }

    // ---- sun.misc.Unsafe

    public static void putObject(sun.misc.Unsafe u, Object o, long offset, Object x) {
        u.putObject(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static void putObjectVolatile(sun.misc.Unsafe u, Object o, long offset, Object x) {
        u.putObjectVolatile(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static void putOrderedObject(sun.misc.Unsafe u, Object o, long offset, Object x) {
        u.putOrderedObject(o, offset, x);
        Hooks.referenceStored(o, offset, x);
    }

    public static boolean compareAndSwapObject(sun.misc.Unsafe u, Object o, long offset, Object e, Object x) {
        return stored(u.compareAndSwapObject(o, offset, e, x), o, offset, x);
    }

    public static Object getAndSetObject(sun.misc.Unsafe u, Object o, long offset, Object x) {
        Object old = u.getAndSetObject(o, offset, x);
        Hooks.referenceStored(o, offset, x);
        return old;
    }

    private static boolean stored(boolean succeeded, Object o, long offset, Object x) {
        if (succeeded) {
            Hooks.referenceStored(o, offset, x);
        }
        return succeeded;
    }

    private static Object exchanged(Object witness, Object o, long offset, Object expected, Object x) {
        if (witness == expected) {
            Hooks.referenceStored(o, offset, x);
        }
        return witness;
    }
}
