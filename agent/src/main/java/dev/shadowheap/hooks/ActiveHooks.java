package dev.shadowheap.hooks;

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
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            sink.trackNewArray(array, site);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void newArrayTree(HookSink sink, Object array, int site) {
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            sink.trackArrayTree(array, site);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void adopt(HookSink sink, Object object, int site) {
        ThreadState state = ThreadState.enterTracking();
        if (state == null) {
            return;
        }
        try {
            sink.track(object, site);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stores: reported during agent work too (see ThreadState), but never from inside another hook.

    static void putField(HookSink sink, Object owner, Object value, int fieldRef) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.putField(owner, value, fieldRef);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void putStatic(HookSink sink, Object value, Class<?> named, int fieldRef) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.putStatic(named, value, fieldRef);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void arrayStored(HookSink sink, Object[] array, int index, Object value) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.arrayStored(array, index, value);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void arrayCopied(HookSink sink, Object dest, int destPos, int length) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.arrayCopied(dest, destPos, length);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void fieldSet(HookSink sink, Field field, Object owner, Object value) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.fieldSet(field, owner, value);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void referenceStored(HookSink sink, Object base, long offset, Object value) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.referenceStored(base, offset, value);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }

    static void varHandleStored(HookSink sink, java.lang.invoke.VarHandle handle, Object owner, Object value) {
        ThreadState state = ThreadState.enter();
        if (state == null) {
            return;
        }
        try {
            sink.varHandleStored(handle, owner, value);
        } catch (Throwable t) {
            Hooks.failed(t);
        } finally {
            state.exit();
        }
    }
}
