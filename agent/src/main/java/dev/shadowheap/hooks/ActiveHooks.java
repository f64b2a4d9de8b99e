package dev.shadowheap.hooks;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * What each hook of {@link Hooks} does once it found a sink installed: the reentrancy and agent-work rules of
 * {@link ThreadState}, the call into the sink, and the rule that a sink failure is counted, never thrown into the
 * program. Kept out of {@link Hooks} so that the JIT can be told never to inline these bodies into the program's
 * methods while it may still inline the one-test gates in front of them.
 */
final class ActiveHooks {

    private ActiveHooks() {
    }

    // ------------------------------------------------------------------------------------------
    // Allocations

    static void beforeNew(int site, String className) {
        ThreadState state = ThreadState.current();
        if (state.tracking()) {
            state.pushPending(site, className);
        }
    }

    static void discardNew() {
        ThreadState state = ThreadState.current();
        if (state.tracking()) {
            state.popPending();
        }
    }

    static void afterNew(HookSink sink, Object object) {
        ThreadState state = ThreadState.current();
        if (!state.tracking()) {
            return;
        }
        int claimed = state.innermostTracked();
        int site = state.popPending();
        if (object == null || (claimed != 0 && claimed == System.identityHashCode(object))) {
            return; // null, or tracked by its constructor already
        }
        state.enterActive();
        try {
            sink.track(object, site);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void constructed(HookSink sink, Object self) {
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            int hash = System.identityHashCode(self);
            if (state.pendingTracked(hash)) {
                return; // a constructor further up the chain tracked it
            }
            int site = state.claimPending(self.getClass().getName(), hash);
            // The JVM makes exceptions natively all the time (implicit null checks, speculative linkage in
            // java.lang.invoke) and runs their constructors itself: those are the JVM's own objects, not the
            // program's, and are left untracked. An exception the program makes with `new` has a pending site.
            if (site != 0 || !(self instanceof Throwable)) {
                sink.track(self, site);
            }
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void newArray(HookSink sink, Object array, int site) {
        track(sink, NEW_ARRAY, array, site);
    }

    static void newArrayTree(HookSink sink, Object array, int site) {
        track(sink, NEW_ARRAY_TREE, array, site);
    }

    static void adopt(HookSink sink, Object object, int site) {
        track(sink, ADOPTED, object, site);
    }

    private static final int NEW_ARRAY = 0;
    private static final int NEW_ARRAY_TREE = 1;
    private static final int ADOPTED = 2;

    /** An object made without a constructor of ours, of one of the kinds above. */
    private static void track(HookSink sink, int kind, Object object, int site) {
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            if (kind == NEW_ARRAY) {
                sink.trackNewArray(object, site);
            } else if (kind == NEW_ARRAY_TREE) {
                sink.trackArrayTree(object, site);
            } else {
                sink.track(object, site);
            }
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stores: reported during agent work too (see ThreadState), but never from inside another hook.

    private static final int PUT_FIELD = 0;
    private static final int PUT_STATIC = 1;
    private static final int ARRAY_STORED = 2;
    private static final int ARRAY_COPIED = 3;
    private static final int FIELD_SET = 4;
    private static final int REFERENCE_STORED = 5;
    private static final int VAR_HANDLE_STORED = 6;

    static void putField(HookSink sink, Object owner, Object value, int fieldRef) {
        store(sink, PUT_FIELD, owner, value, null, fieldRef);
    }

    static void putStatic(HookSink sink, Object value, Class<?> named, int fieldRef) {
        store(sink, PUT_STATIC, null, value, named, fieldRef);
    }

    static void arrayStored(HookSink sink, Object[] array, int index, Object value) {
        store(sink, ARRAY_STORED, array, value, null, index);
    }

    /** Only copies into reference arrays are stores; an empty copy stores nothing. */
    static void arrayCopied(HookSink sink, Object dest, int destPos, int length) {
        if (length != 0 && dest instanceof Object[]) {
            store(sink, ARRAY_COPIED, dest, null, null, ((long) destPos << 32) | (length & 0xFFFF_FFFFL));
        }
    }

    static void fieldSet(HookSink sink, Field field, Object owner, Object value) {
        store(sink, FIELD_SET, owner, value, field, 0);
    }

    static void referenceStored(HookSink sink, Object base, long offset, Object value) {
        store(sink, REFERENCE_STORED, base, value, null, offset);
    }

    static void varHandleStored(HookSink sink, VarHandle handle, Object owner, Object value) {
        store(sink, VAR_HANDLE_STORED, owner, value, handle, 0);
    }

    /**
     * One store of the kinds above, passed on to the sink: {@code owner} (or array, or base), the stored
     * {@code value}, what names the place when it is an object ({@code Class}, {@code Field}, {@code VarHandle})
     * and when it is a number (field reference, index, offset, or destination position and length).
     */
    private static void store(HookSink sink, int kind, Object owner, Object value, Object place, long number) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            state.countStores(switch (kind) {
                case PUT_FIELD -> sink.putField(owner, value, (int) number);
                case PUT_STATIC -> sink.putStatic((Class<?>) place, value, (int) number);
                case ARRAY_STORED -> sink.arrayStored((Object[]) owner, (int) number, value);
                case ARRAY_COPIED -> sink.arrayCopied(owner, (int) (number >>> 32), (int) number);
                case FIELD_SET -> sink.fieldSet((Field) place, owner, value);
                case REFERENCE_STORED -> sink.referenceStored(owner, number, value);
                default -> sink.varHandleStored((VarHandle) place, owner, value);
            });
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }
}
