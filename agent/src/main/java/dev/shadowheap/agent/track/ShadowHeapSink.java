package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.hooks.ClassSelection;
import dev.shadowheap.hooks.HookSink;
import dev.shadowheap.hooks.ThreadState;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Turns hook events into shadow-heap operations: Java objects become shadow ids through
 * {@link ObjectIds}, fields become slots through {@link ClassLayouts} and {@link FieldRefs}.
 *
 * <p>Edges from objects the agent does not track are ignored, and an untracked target is stored as
 * null; both are counted as blind spots in {@link AgentCounters}.
 */
final class ShadowHeapSink implements HookSink, ObjectIds.Allocator {

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final ClassLayouts layouts;
    private final FieldRefs fieldRefs;
    private final VarHandleTargets handles = new VarHandleTargets();
    private final ToLongFunction<Object> sizeOf;
    private final ArraySizes arraySizes;
    private final AgentCounters counters;
    /**
     * The filters' answer per class; null without filters, when every class is tracked. With filters, most stores
     * involve objects of classes left out, and asking this is cheaper than a miss in the identity table. It answers
     * from the class name alone: no layout (whose reflection loads the types of a class's fields) is built for a class
     * whose objects are never tracked, since a hook may run while a class is being loaded on its thread, and loading
     * that class again from the hook is a {@code ClassCircularityError}. Installed with this sink, it also lets the
     * hooks' gates drop stores into objects the filters leave out.
     */
    private final ClassSelection selection;
    private final DeathBacklog backlog;

    /** @param selected whether the user's filters track objects of a class; null without filters */
    ShadowHeapSink(ShadowHeap heap, ObjectIds ids, ClassLayouts layouts, FieldRefs fieldRefs,
            ToLongFunction<Object> sizeOf, AgentCounters counters, Predicate<Class<?>> selected, DeathBacklog backlog) {
        this.heap = heap;
        this.ids = ids;
        this.layouts = layouts;
        this.fieldRefs = fieldRefs;
        this.sizeOf = sizeOf;
        this.arraySizes = new ArraySizes(sizeOf);
        this.counters = counters;
        this.selection = selected == null ? null : new ClassSelection(selected);
        this.backlog = backlog;
    }

    /** What to install with this sink (see {@link dev.shadowheap.hooks.Hooks#install(HookSink, ClassSelection)}). */
    ClassSelection selection() {
        return selection;
    }

    /** The shadow id of {@code object} (not null), or 0 if it is not tracked. */
    private int idOf(Object object) {
        return selected(object) ? ids.idOf(object) : ShadowHeap.NULL;
    }

    /** Whether the filters track objects of this one's class (true without filters). */
    private boolean selected(Object object) {
        return selection == null || selection.selects(object.getClass());
    }

    // ------------------------------------------------------------------------------------------
    // Allocations

    @Override
    public void track(Object object, int site) {
        if (!selected(object)) {
            counters.notSelectedAllocations.increment();
        } else if (ids.idOf(object) == ShadowHeap.NULL) {
            registerSelected(object, site, true, false);
        }
    }

    @Override
    public void trackNewArray(Object array, int site) {
        register(array, site, false, true); // just made, so neither tracked nor holding anything yet
    }

    @Override
    public void trackArrayTree(Object array, int site) {
        if (array instanceof Object[]) {
            for (Object element : (Object[]) array) {
                if (element != null && element.getClass().isArray()) {
                    trackArrayTree(element, site);
                }
            }
        }
        register(array, site, true, true); // MULTIANEWARRAY made every array of the tree just now
    }

    private void register(Object object, int site, boolean readEdges, boolean fresh) {
        if (selected(object)) {
            registerSelected(object, site, readEdges, fresh);
        } else {
            counters.notSelectedAllocations.increment();
        }
    }

    private void registerSelected(Object object, int site, boolean readEdges, boolean fresh) {
        ClassLayout layout = layouts.of(object.getClass());
        if (!layout.trackable) {
            counters.untrackableAllocations.increment();
            return;
        }
        backlog.beforeAllocation();
        int id = fresh ? ids.registerFresh(object, layout, site, this) : ids.registerIfAbsent(object, layout, site, this);
        if (id != 0 && readEdges) {
            readEdges(object, id, layout);
        }
    }

    @Override
    public int allocate(Object object, ClassLayout layout, int site) {
        if (layout.referenceArray) {
            return heap.allocateArray(layout.classId, arraySizes.of(object, layout), site, ((Object[]) object).length);
        }
        if (layout.type.isArray()) {
            return heap.allocate(layout.classId, arraySizes.of(object, layout), site);
        }
        int size = layout.cachedInstanceSize();
        if (size < 0) {
            // The id field is a long, which takes 8 aligned bytes however the JVM packs the other fields.
            size = (int) sizeOf.applyAsLong(object) - (layout.hasIdField ? Long.BYTES : 0);
            layout.cacheInstanceSize(size);
        }
        return heap.allocate(layout.classId, size, site);
    }

    /** Takes the object's current references as its edges: what its constructor or a copy put there. */
    private void readEdges(Object object, int id, ClassLayout layout) {
        if (layout.referenceArray) {
            Object[] array = (Object[]) object;
            int stored = 0;
            for (int i = 0; i < array.length; i++) {
                if (array[i] != null) {
                    stored += store(id, i, array[i]);
                }
            }
            countStores(stored);
            return;
        }
        int stored = 0;
        for (int slot = 0; slot < layout.slotOffsets.length; slot++) {
            Object value = Memory.reference(object, layout.slotOffsets[slot]);
            if (value != null) {
                stored += store(id, slot, value);
            }
        }
        countStores(stored); // not through a hook's store call: counted here, once per object
    }

    // ------------------------------------------------------------------------------------------
    // Stores

    /** Counts stores applied outside a hook's store call; most tracked objects have none yet, and cost no atomic. */
    private void countStores(int stored) {
        if (stored != 0) {
            counters.stores.add(stored);
        }
    }

    /** Applies one store; returns 1, the number of shadow slots written, for the caller's count. */
    private int store(int ownerId, int slot, Object value) {
        int target = ShadowHeap.NULL;
        if (value != null) {
            target = idOf(value);
            if (target == ShadowHeap.NULL && selected(value)) { // left out by the filters: no blind spot
                counters.untrackedTargetStores.increment();
            }
        }
        heap.store(ownerId, slot, target);
        return 1;
    }

    private int trackedOwner(Object owner) {
        if (!selected(owner)) {
            return ShadowHeap.NULL; // left out by the filters: no blind spot
        }
        int id = ids.idOf(owner);
        if (id == ShadowHeap.NULL && !ThreadState.inAgentWork()
                && !(selection != null && ThreadState.constructingUntracked(owner.getClass().getName()))) {
            // Agent code stores mostly into its own (never tracked) objects: not the program's blind spot. Nor is a
            // store by the constructor of a filtered-out superclass: the object's edges are read when it is tracked.
            counters.untrackedOwnerStores.increment();
        }
        return id;
    }

    @Override
    public int putField(Object owner, Object value, int fieldRef) {
        int ownerId = trackedOwner(owner);
        if (ownerId == ShadowHeap.NULL) {
            return 0;
        }
        int slot = fieldRefs.instanceSlot(fieldRef, owner.getClass(), layouts);
        if (slot < 0) {
            counters.unmappedStores.increment();
            return 0;
        }
        return store(ownerId, slot, value);
    }

    @Override
    public int putStatic(Class<?> named, Object value, int fieldRef) {
        FieldRefs.FieldRef ref = fieldRefs.resolveStatic(fieldRef, named, layouts);
        if (ref.slot < 0) {
            counters.unmappedStores.increment();
            return 0;
        }
        return store(holderOf(ref.holder), ref.slot, value);
    }

    @Override
    public int arrayStored(Object[] array, int index, Object value) {
        int ownerId = trackedOwner(array);
        return ownerId == ShadowHeap.NULL ? 0 : store(ownerId, index, value);
    }

    @Override
    public int arrayCopied(Object dest, int destPos, int length) {
        int ownerId = trackedOwner(dest);
        if (ownerId == ShadowHeap.NULL) {
            return 0;
        }
        Object[] array = (Object[]) dest;
        for (int i = destPos; i < destPos + length; i++) {
            store(ownerId, i, array[i]);
        }
        return length;
    }

    @Override
    public int referenceStored(Object base, long offset, Object value) {
        if (base instanceof Object[]) {
            int index = Memory.elementIndex(offset);
            if (index >= 0 && index < ((Object[]) base).length) {
                return arrayStored((Object[]) base, index, value);
            }
            counters.unmappedStores.increment();
            return 0;
        }
        if (base instanceof Class) {
            StaticHolder statics = layouts.staticsOf((Class<?>) base);
            int slot = statics.slotOfOffset(offset);
            if (slot >= 0) {
                return store(holderOf(statics), slot, value);
            }
        }
        int ownerId = trackedOwner(base);
        if (ownerId == ShadowHeap.NULL) {
            return 0;
        }
        int slot = layouts.of(base.getClass()).slotOfOffset(offset);
        if (slot < 0) {
            counters.unmappedStores.increment();
            return 0;
        }
        return store(ownerId, slot, value);
    }

    @Override
    public int varHandleStored(VarHandle handle, Object owner, Object value) {
        VarHandleTargets.Target target = handles.of(handle);
        Object base = owner == null ? (target == null ? null : target.staticBase) : owner;
        if (base == null) {
            counters.unmappedStores.increment();
            return 0;
        }
        return referenceStored(base, target.offset, value);
    }

    @Override
    public int fieldSet(Field field, Object owner, Object value) {
        if (Modifier.isStatic(field.getModifiers())) {
            StaticHolder statics = layouts.staticsOf(field.getDeclaringClass());
            int slot = statics.slotOf(field);
            return slot >= 0 ? store(holderOf(statics), slot, value) : 0;
        }
        return SlotRules.isInstanceSlot(field) ? referenceStored(owner, Memory.instanceOffset(field), value) : 0;
    }

    /** The pinned shadow object of a class's statics, made (with the statics' current values) on first use. */
    private int holderOf(StaticHolder statics) {
        int id = statics.holderId;
        if (id != ShadowHeap.NULL) {
            return id;
        }
        synchronized (statics) {
            if (statics.holderId == ShadowHeap.NULL) {
                id = heap.allocatePinned(statics.classId, 0, SiteTable.UNKNOWN);
                Object base = statics.base();
                int stored = 0;
                for (int slot = 0; slot < statics.offsets.length; slot++) {
                    Object value = Memory.reference(base, statics.offsets[slot]);
                    if (value != null) {
                        stored += store(id, slot, value);
                    }
                }
                countStores(stored);
                statics.holderId = id;
            }
            return statics.holderId;
        }
    }
}
