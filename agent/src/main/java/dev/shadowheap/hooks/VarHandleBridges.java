package dev.shadowheap.hooks;

import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Stand-ins for {@link VarHandle} access-mode calls whose value is a reference. {@code VarHandle} methods
 * are signature-polymorphic, so one bridge serves every call of a family and coordinate shape: the
 * instrumenter passes the values as {@code Object}, appends the access mode's index in its family list,
 * and casts the result back. The bridge performs the original access and reports the store only when one
 * happened.
 *
 * <p>Shapes: {@code Static} (no coordinates), {@code Field} (the owner), {@code Element} (array, index).
 * A handle created {@code withInvokeExactBehavior()} rejects the widened call type; such call sites
 * fail with {@code WrongMethodTypeException} under the agent (a documented limitation).
 */
public final class VarHandleBridges {

    /** Plain stores, returning nothing. */
    public static final List<String> SET = List.of("set", "setVolatile", "setRelease", "setOpaque");
    /** Stores returning the previous value. */
    public static final List<String> GET_AND_SET = List.of("getAndSet", "getAndSetAcquire", "getAndSetRelease");
    /** Compare-and-set, returning whether it stored. */
    public static final List<String> COMPARE_AND_SET = List.of("compareAndSet", "weakCompareAndSet",
            "weakCompareAndSetPlain", "weakCompareAndSetAcquire", "weakCompareAndSetRelease");
    /** Compare-and-exchange, returning the witness value. */
    public static final List<String> COMPARE_AND_EXCHANGE = List.of("compareAndExchange",
            "compareAndExchangeAcquire", "compareAndExchangeRelease");

    private VarHandleBridges() {
    }

    // ---- set family

    public static void setStatic(VarHandle h, Object x, int mode) {
        switch (mode) {
            case 0: h.set(x); break;
            case 1: h.setVolatile(x); break;
            case 2: h.setRelease(x); break;
            default: h.setOpaque(x); break;
        }
        Hooks.varHandleStored(h, null, x);
    }

    public static void setField(VarHandle h, Object o, Object x, int mode) {
        switch (mode) {
            case 0: h.set(o, x); break;
            case 1: h.setVolatile(o, x); break;
            case 2: h.setRelease(o, x); break;
            default: h.setOpaque(o, x); break;
        }
        Hooks.varHandleStored(h, o, x);
    }

    public static void setElement(VarHandle h, Object a, int i, Object x, int mode) {
        switch (mode) {
            case 0: h.set(a, i, x); break;
            case 1: h.setVolatile(a, i, x); break;
            case 2: h.setRelease(a, i, x); break;
            default: h.setOpaque(a, i, x); break;
        }
        Hooks.arrayElementStored(a, i, x);
    }

    // ---- getAndSet family

    public static Object getAndSetStatic(VarHandle h, Object x, int mode) {
        Object old;
        switch (mode) {
            case 0: old = h.getAndSet(x); break;
            case 1: old = h.getAndSetAcquire(x); break;
            default: old = h.getAndSetRelease(x); break;
        }
        Hooks.varHandleStored(h, null, x);
        return old;
    }

    public static Object getAndSetField(VarHandle h, Object o, Object x, int mode) {
        Object old;
        switch (mode) {
            case 0: old = h.getAndSet(o, x); break;
            case 1: old = h.getAndSetAcquire(o, x); break;
            default: old = h.getAndSetRelease(o, x); break;
        }
        Hooks.varHandleStored(h, o, x);
        return old;
    }

    public static Object getAndSetElement(VarHandle h, Object a, int i, Object x, int mode) {
        Object old;
        switch (mode) {
            case 0: old = h.getAndSet(a, i, x); break;
            case 1: old = h.getAndSetAcquire(a, i, x); break;
            default: old = h.getAndSetRelease(a, i, x); break;
        }
        Hooks.arrayElementStored(a, i, x);
        return old;
    }

    // ---- compareAndSet family

    public static boolean compareAndSetStatic(VarHandle h, Object e, Object x, int mode) {
        boolean stored;
        switch (mode) {
            case 0: stored = h.compareAndSet(e, x); break;
            case 1: stored = h.weakCompareAndSet(e, x); break;
            case 2: stored = h.weakCompareAndSetPlain(e, x); break;
            case 3: stored = h.weakCompareAndSetAcquire(e, x); break;
            default: stored = h.weakCompareAndSetRelease(e, x); break;
        }
        if (stored) {
            Hooks.varHandleStored(h, null, x);
        }
        return stored;
    }

    public static boolean compareAndSetField(VarHandle h, Object o, Object e, Object x, int mode) {
        boolean stored;
        switch (mode) {
            case 0: stored = h.compareAndSet(o, e, x); break;
            case 1: stored = h.weakCompareAndSet(o, e, x); break;
            case 2: stored = h.weakCompareAndSetPlain(o, e, x); break;
            case 3: stored = h.weakCompareAndSetAcquire(o, e, x); break;
            default: stored = h.weakCompareAndSetRelease(o, e, x); break;
        }
        if (stored) {
            Hooks.varHandleStored(h, o, x);
        }
        return stored;
    }

    public static boolean compareAndSetElement(VarHandle h, Object a, int i, Object e, Object x, int mode) {
        boolean stored;
        switch (mode) {
            case 0: stored = h.compareAndSet(a, i, e, x); break;
            case 1: stored = h.weakCompareAndSet(a, i, e, x); break;
            case 2: stored = h.weakCompareAndSetPlain(a, i, e, x); break;
            case 3: stored = h.weakCompareAndSetAcquire(a, i, e, x); break;
            default: stored = h.weakCompareAndSetRelease(a, i, e, x); break;
        }
        if (stored) {
            Hooks.arrayElementStored(a, i, x);
        }
        return stored;
    }

    // ---- compareAndExchange family

    public static Object compareAndExchangeStatic(VarHandle h, Object e, Object x, int mode) {
        Object witness;
        switch (mode) {
            case 0: witness = h.compareAndExchange(e, x); break;
            case 1: witness = h.compareAndExchangeAcquire(e, x); break;
            default: witness = h.compareAndExchangeRelease(e, x); break;
        }
        if (witness == e) {
            Hooks.varHandleStored(h, null, x);
        }
        return witness;
    }

    public static Object compareAndExchangeField(VarHandle h, Object o, Object e, Object x, int mode) {
        Object witness;
        switch (mode) {
            case 0: witness = h.compareAndExchange(o, e, x); break;
            case 1: witness = h.compareAndExchangeAcquire(o, e, x); break;
            default: witness = h.compareAndExchangeRelease(o, e, x); break;
        }
        if (witness == e) {
            Hooks.varHandleStored(h, o, x);
        }
        return witness;
    }

    public static Object compareAndExchangeElement(VarHandle h, Object a, int i, Object e, Object x, int mode) {
        Object witness;
        switch (mode) {
            case 0: witness = h.compareAndExchange(a, i, e, x); break;
            case 1: witness = h.compareAndExchangeAcquire(a, i, e, x); break;
            default: witness = h.compareAndExchangeRelease(a, i, e, x); break;
        }
        if (witness == e) {
            Hooks.arrayElementStored(a, i, x);
        }
        return witness;
    }
}
