package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.HookSink;
import dev.shadowheap.hooks.Hooks;
import dev.shadowheap.hooks.ThreadState;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent code (its threads, the transformer) runs with allocation tracking off, but what it stores into an
 * object the program made is real and must reach the shadow; a hook inside a hook still does nothing. The
 * hooks are called as rewritten code calls them, into the real sink and heap.
 */
class AgentThreadStoresTest extends HookedTrackerTest {

    @BeforeEach
    void install() {
        Hooks.install(tracker.sink());
    }

    /** Runs {@code work} on a fresh thread marked as agent code, like shadowheap-audit or the transformer. */
    private static void onAgentThread(Runnable work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            ThreadState.suspendHooks();
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                ThreadState.resumeHooks();
            }
        }, "shadowheap-test-agent");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private Object[] trackedArray(int length) {
        Object[] array = new Object[length];
        Hooks.newArray(array, 0);
        assertNotEquals(0, tracker.idOf(array), "an application thread tracks its allocations");
        return array;
    }

    private static void putField(Box box, Object value, int fieldRef) {
        Hooks.putField(box, value, fieldRef); // what rewritten code does just before PUTFIELD
        box.value = value;
    }

    @Test
    void agentThreadStoresIntoTrackedObjectsAreMirrored() throws InterruptedException {
        Object[] table = trackedArray(2);
        Object[] target = trackedArray(1);
        Box box = new Box();
        Hooks.adopt(box, 0);

        onAgentThread(() -> {
            Hooks.aastore(table, 0, target);
            putField(box, target, valueField);
        });

        assertEquals(tracker.idOf(target), heap.target(tracker.idOf(table), 0), "array element stored by agent code");
        assertEquals(tracker.idOf(target), heap.target(tracker.idOf(box), 0), "field stored by agent code");
        assertEquals(2, heap.refcount(tracker.idOf(target)), "both references counted");

        onAgentThread(() -> Hooks.aastore(table, 0, null)); // and the reference it drops is released
        assertEquals(0, heap.target(tracker.idOf(table), 0));
    }

    @Test
    void agentThreadAllocationsStayUntrackedAndItsOwnObjectsAreNoBlindSpot() throws InterruptedException {
        Object[] table = trackedArray(1);
        Object[][] made = new Object[1][];
        onAgentThread(() -> {
            made[0] = new Object[1];
            Hooks.newArray(made[0], 0);
            Hooks.aastore(table, 0, made[0]);
            Hooks.aastore(made[0], 0, table); // into the agent's own object
        });

        assertEquals(0, tracker.idOf(made[0]), "agent allocations are not tracked");
        assertEquals(ShadowHeap.NULL, heap.target(tracker.idOf(table), 0), "an untracked target stores as null");
        assertEquals(1, counters.untrackedTargetStores.sum(), "the untracked target is counted");
        assertEquals(0, counters.untrackedOwnerStores.sum(), "the agent's own objects are not the program's blind spot");
    }

    @Test
    void aHookInsideAHookDoesNothingOnAnyThread() throws InterruptedException {
        Object[] outer = trackedArray(1);
        Object[] inner = trackedArray(1);
        Object[] target = trackedArray(1);
        // A sink that itself runs instrumented code, as the agent's own use of java.util does.
        Hooks.install(new ForwardingSink(tracker.sink()) {
            @Override
            public int arrayStored(Object[] array, int index, Object value) {
                if (array == outer) {
                    Hooks.aastore(inner, 0, value);
                }
                return super.arrayStored(array, index, value);
            }
        });

        Hooks.aastore(outer, 0, target);
        onAgentThread(() -> Hooks.aastore(outer, 0, target));

        assertEquals(tracker.idOf(target), heap.target(tracker.idOf(outer), 0));
        assertSame(target, inner[0], "the nested store itself happened");
        assertEquals(ShadowHeap.NULL, heap.target(tracker.idOf(inner), 0), "but its hook did nothing");
    }

    @Test
    void jdkCodeTheSinkCallsInsideAHookIsMirroredButTracksNothing() {
        Object[] outer = trackedArray(1);
        Object[] loaderTable = trackedArray(1);
        Object[] target = trackedArray(1);
        Object[][] made = new Object[1][];
        // As when reflection in the sink makes the JVM load a class, and the loader writes its own tables.
        Hooks.install(new ForwardingSink(tracker.sink()) {
            @Override
            public int arrayStored(Object[] array, int index, Object value) {
                if (array == outer) {
                    int saved = ThreadState.beginJdkCall();
                    try {
                        Hooks.aastore(loaderTable, 0, value);
                        made[0] = new Object[1];
                        Hooks.newArray(made[0], 0);
                    } finally {
                        ThreadState.endJdkCall(saved);
                    }
                    Hooks.aastore(loaderTable, 0, made[0]); // the window is closed again: inert
                }
                return super.arrayStored(array, index, value);
            }
        });

        Hooks.aastore(outer, 0, target);

        assertEquals(tracker.idOf(target), heap.target(tracker.idOf(loaderTable), 0), "store in the window mirrored");
        assertEquals(0, tracker.idOf(made[0]), "allocation in the window not tracked");
        assertSame(made[0], loaderTable[0]);
        assertEquals(tracker.idOf(target), heap.target(tracker.idOf(outer), 0));
    }

    /** Passes every call on to another sink. */
    private static class ForwardingSink implements HookSink {
        private final HookSink next;

        ForwardingSink(HookSink next) {
            this.next = next;
        }

        @Override
        public void track(Object object, int site) {
            next.track(object, site);
        }

        @Override
        public void trackNewArray(Object array, int site) {
            next.trackNewArray(array, site);
        }

        @Override
        public void trackArrayTree(Object array, int site) {
            next.trackArrayTree(array, site);
        }

        @Override
        public int putField(Object owner, Object value, int fieldRef) {
            return next.putField(owner, value, fieldRef);
        }

        @Override
        public int putStatic(Class<?> named, Object value, int fieldRef) {
            return next.putStatic(named, value, fieldRef);
        }

        @Override
        public int arrayStored(Object[] array, int index, Object value) {
            return next.arrayStored(array, index, value);
        }

        @Override
        public int arrayCopied(Object dest, int destPos, int length) {
            return next.arrayCopied(dest, destPos, length);
        }

        @Override
        public int referenceStored(Object base, long offset, Object value) {
            return next.referenceStored(base, offset, value);
        }

        @Override
        public int varHandleStored(VarHandle handle, Object owner, Object value) {
            return next.varHandleStored(handle, owner, value);
        }

        @Override
        public int fieldSet(Field field, Object owner, Object value) {
            return next.fieldSet(field, owner, value);
        }
    }
}
