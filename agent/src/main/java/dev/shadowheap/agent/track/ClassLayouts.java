package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.ThreadState;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@link ClassLayout} of every class the agent meets, computed once per class and registered as a
 * {@link ShadowClass} in the heap's class table.
 */
final class ClassLayouts {

    private static final Field[] NO_FIELDS = new Field[0];

    private final ShadowHeap heap;
    private final ContainerRule containers = new ContainerRule();
    private final Predicate<Class<?>> rewritten;

    /** {@code rewritten} tells whether the agent rewrote a class's bytecode. */
    ClassLayouts(ShadowHeap heap, Predicate<Class<?>> rewritten) {
        this.heap = heap;
        this.rewritten = rewritten;
    }

    ClassLayout of(Class<?> type) {
        // Asked on every allocation: first a direct-mapped cache of this tracker's own, which writes nothing the
        // program shares, so it needs none of the care the per-class slot below takes (three thread-state lookups).
        int index = System.identityHashCode(type) & (RECENT - 1);
        WeakReference<ClassLayout> cached = recent[index];
        ClassLayout layout = cached == null ? null : cached.get();
        if (layout != null && layout.type == type) {
            return layout;
        }
        Slot<ClassLayout> slot = inSharedMapSafely(layoutSlots, type);
        layout = slot.get();
        if (layout == null) {
            layout = slot.offer(build(type));
        }
        recent[index] = new WeakReference<>(layout);
        return layout;
    }

    private static final int RECENT = 1 << 12;
    /**
     * Layouts asked for lately, by the class's identity hash; a class whose entry another took is looked up again.
     * Held weakly: the class's own slot keeps its layout, and this cache must keep no class from unloading.
     */
    @SuppressWarnings("unchecked")
    private final WeakReference<ClassLayout>[] recent = new WeakReference[RECENT];

    /**
     * Where one class's answer is kept. A {@code ClassValue} gives each class exactly one (and lets the class unload),
     * but its first {@code get} for a class puts an entry into that class's own map, which the program may have made
     * (Jython keeps values per class): from a hook, that store would be lost and the shadow of the program's map would
     * diverge (seen in Jython runs as mismatching {@code WeakHashMap$Entry[]} slots). So the {@code get} only makes an
     * empty slot, and on a program's thread it runs as a JDK call, where its stores are mirrored; the answer itself is
     * computed as before, with hooks suppressed. Agent work (the class-file transformer, the agent's threads) asks
     * directly: its stores are mirrored already, and no hook is inside it.
     */
    private static final class Slot<T> {
        private volatile T value;

        T get() {
            return value;
        }

        /** Keeps the first value offered (two threads may compute one class at once); returns the kept one. */
        synchronized T offer(T computed) {
            if (value == null) {
                value = computed;
            }
            return value;
        }
    }

    private static <T> Slot<T> inSharedMapSafely(ClassValue<Slot<T>> slots, Class<?> type) {
        if (ThreadState.inAgentWork()) {
            return slots.get(type);
        }
        int saved = ThreadState.beginJdkCall();
        try {
            return slots.get(type);
        } finally {
            ThreadState.endJdkCall(saved);
        }
    }

    private static final class SlotsPerClass<T> extends ClassValue<Slot<T>> {
        @Override
        protected Slot<T> computeValue(Class<?> type) {
            return new Slot<>();
        }
    }

    private final SlotsPerClass<ClassLayout> layoutSlots = new SlotsPerClass<>();
    private final SlotsPerClass<StaticHolder> staticsSlots = new SlotsPerClass<>();

    private ClassLayout build(Class<?> type) {
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                int id = registerInstanceClass(type, type.getTypeName(), NO_FIELDS, false, ShadowClass.Finalizer.NONE);
                return new ClassLayout(type, id, false, true, NO_FIELDS);
            }
            int id = heap.classes().registerArrayClass(type.getTypeName(), containers.isContainer(type)).id();
            return new ClassLayout(type, id, true, true, NO_FIELDS);
        }
        ClassLayout parent = type.getSuperclass() == null ? null : of(type.getSuperclass());
        List<Field> slots = new ArrayList<>();
        if (parent != null) {
            slots.addAll(List.of(parent.slotFields));
        }
        boolean ownFieldsAllFinal = true;
        boolean hasOwnSlots = false;
        for (Field field : Reflection.declaredFields(type)) {
            if (SlotRules.isInstanceSlot(field)) {
                slots.add(field);
                hasOwnSlots = true;
                ownFieldsAllFinal &= Modifier.isFinal(field.getModifiers());
            }
        }
        // Final fields are only written by constructors, and a new object's fields are read when it is tracked.
        boolean ownStoresVisible = !hasOwnSlots || ownFieldsAllFinal || type.isHidden() || rewritten.test(type);
        boolean trackable = (parent == null || parent.trackable) && ownStoresVisible;
        Field[] slotFields = slots.toArray(NO_FIELDS);
        int id = registerInstanceClass(type, type.getName(), slotFields, containers.isContainer(type), finalizer(type));
        return new ClassLayout(type, id, false, trackable, slotFields);
    }

    /** A class with static reference fields: the layout of its pinned statics holder. */
    StaticHolder staticsOf(Class<?> type) {
        Slot<StaticHolder> slot = inSharedMapSafely(staticsSlots, type);
        StaticHolder holder = slot.get();
        return holder != null ? holder : slot.offer(buildStatics(type));
    }

    /** The layout of a class's pinned statics holder. */
    private StaticHolder buildStatics(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : Reflection.declaredFields(type)) {
            if (SlotRules.isStaticSlot(field)) {
                fields.add(field);
            }
        }
        Field[] slotFields = fields.toArray(NO_FIELDS);
        int id = registerInstanceClass(type, type.getName() + ".<statics>", slotFields, true,
                ShadowClass.Finalizer.NONE);
        return new StaticHolder(type, id, slotFields);
    }

    /** Slot labels name the class that declares each field, so that subclasses share {@code Throwable.cause}. */
    private int registerInstanceClass(Class<?> type, String name, Field[] slotFields, boolean container,
            ShadowClass.Finalizer finalizer) {
        String[] slots = new String[slotFields.length];
        String[] declaring = new String[slotFields.length];
        for (int i = 0; i < slotFields.length; i++) {
            slots[i] = slotFields[i].getName();
            declaring[i] = slotFields[i].getDeclaringClass().getName();
        }
        try {
            return heap.classes().registerInstanceClass(name, slots, declaring, container, finalizer).id();
        } catch (IllegalArgumentException sameNameOtherLoader) {
            String qualified = name + "@" + Integer.toHexString(System.identityHashCode(type.getClassLoader()));
            return heap.classes().registerInstanceClass(qualified, slots, declaring, container, finalizer).id();
        }
    }

    /** Java classes overriding {@code finalize()} are modelled with a PEP 442 finalizer. */
    private static ShadowClass.Finalizer finalizer(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method method : Reflection.declaredMethods(k)) {
                if (method.getName().equals("finalize") && method.getParameterCount() == 0) {
                    return ShadowClass.Finalizer.FINALIZE;
                }
            }
        }
        return ShadowClass.Finalizer.NONE;
    }
}
