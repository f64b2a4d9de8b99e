package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.Hooks;
import org.junit.jupiter.api.AfterEach;

/**
 * A real tracker over a real heap, for tests that call the hooks as rewritten code does: they install its sink, and
 * every test ends with the hooks uninstalled and no hook failure counted.
 */
abstract class HookedTrackerTest {

    /** A class with one reference slot, as a rewritten class would have. */
    static final class Box {
        Object value;
    }

    final ShadowHeap heap = new ShadowHeap();
    final AgentCounters counters = new AgentCounters();
    final HeapTracker tracker = new HeapTracker(heap, object -> 16, type -> true, counters);
    /** The field reference rewritten code would pass for {@code Box.value}. */
    final int valueField = tracker.instrumentationIds()
            .fieldRef(Box.class.getName().replace('.', '/'), "value", false);

    @AfterEach
    void uninstallHooks() {
        Hooks.uninstall();
        assertEquals(0, Hooks.errors(), "no hook failed");
    }
}
