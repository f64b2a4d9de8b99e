package dev.shadowheap.agent.track;

import dev.shadowheap.agent.instrument.InstrumentationIds;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.HookSink;
import dev.shadowheap.hooks.Hooks;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Everything that ties Java objects to one shadow heap: identity, class layouts, field references,
 * the hook sink, death tracking and the edge audit, built together because they share their tables.
 */
public final class HeapTracker {

    /** The {@code selected} predicate of a tracker without filters: every class's objects are tracked. */
    public static final Predicate<Class<?>> EVERY_CLASS = type -> true;

    private final ShadowHeap heap;
    private final AgentCounters counters;
    private final ObjectIds ids = new ObjectIds();
    private final FieldRefs fieldRefs;
    private final ToLongFunction<Object> sizeOf;
    private final Predicate<Class<?>> rewritten;
    private final Predicate<Class<?>> selected;
    private final ClassLayouts layouts;
    private final ShadowHeapSink sink;
    private final DeathWatcher deaths;
    private final EdgeAuditor auditor;

    /**
     * @param sizeOf    the shallow size of an object in bytes ({@code Instrumentation::getObjectSize})
     * @param rewritten whether the agent rewrote a class, so that stores in its code are seen
     */
    public HeapTracker(ShadowHeap heap, ToLongFunction<Object> sizeOf, Predicate<Class<?>> rewritten,
            AgentCounters counters) {
        this(heap, sizeOf, rewritten, EVERY_CLASS, counters);
    }

    /**
     * @param selected whether the user's filters track objects of a class (allocations of others are only counted);
     *                 {@link #EVERY_CLASS} when there are no filters, which spares every store a class lookup
     */
    public HeapTracker(ShadowHeap heap, ToLongFunction<Object> sizeOf, Predicate<Class<?>> rewritten,
            Predicate<Class<?>> selected, AgentCounters counters) {
        this(heap, sizeOf, rewritten, selected, counters, new FieldRefs());
    }

    private HeapTracker(ShadowHeap heap, ToLongFunction<Object> sizeOf, Predicate<Class<?>> rewritten,
            Predicate<Class<?>> selected, AgentCounters counters, FieldRefs fieldRefs) {
        this.heap = heap;
        this.counters = counters;
        this.sizeOf = sizeOf;
        this.rewritten = rewritten;
        this.selected = selected;
        this.fieldRefs = fieldRefs;
        this.layouts = new ClassLayouts(heap, rewritten);
        DeathBacklog backlog = new DeathBacklog(counters);
        this.sink = new ShadowHeapSink(heap, ids, layouts, fieldRefs, sizeOf, counters,
                selected == EVERY_CLASS ? null : selected, backlog);
        this.deaths = new DeathWatcher(heap, ids, counters, backlog);
        this.auditor = new EdgeAuditor(heap, ids, layouts);
    }

    /**
     * A tracker for the next tracking window: a fresh identity table, layouts and death queue on
     * {@code nextHeap}, with the same filters and counters, and the ids already baked into rewritten bytecode
     * (field references here, allocation sites in the site table both heaps must share).
     */
    public HeapTracker nextWindow(ShadowHeap nextHeap) {
        if (nextHeap.sites() != heap.sites()) {
            throw new IllegalArgumentException("nextWindow: the next heap must share this heap's site table");
        }
        return new HeapTracker(nextHeap, sizeOf, rewritten, selected, counters, fieldRefs.sharingNumbering());
    }

    public ShadowHeap heap() {
        return heap;
    }

    public AgentCounters counters() {
        return counters;
    }

    public HookSink sink() {
        return sink;
    }

    /** Installs the sink, with its filters for the gates: from now on the hooks feed this tracker. */
    public void installHooks() {
        Hooks.install(sink, sink.selection());
    }

    public DeathWatcher deaths() {
        return deaths;
    }

    public EdgeAuditor auditor() {
        return auditor;
    }

    /**
     * After this tracker's window closed (its hooks uninstalled): takes its ids out of the objects that carry them,
     * so that no later window reads them.
     */
    public void clearIdFields() {
        ids.clearIdFields();
    }

    /** The shadow id of a tracked object, or 0. */
    public int idOf(Object object) {
        return ids.idOf(object);
    }

    /** Ids handed to the instrumenter: allocation sites in the heap's site table, and field references. */
    public InstrumentationIds instrumentationIds() {
        return new InstrumentationIds() {
            @Override
            public int site(String site) {
                return heap.sites().register(site);
            }

            @Override
            public int fieldRef(String ownerInternalName, String fieldName, boolean isStatic) {
                return fieldRefs.register(ownerInternalName, fieldName, isStatic);
            }
        };
    }
}
