package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
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
    private final Predicate<Class<?>> selected;
    private final ClassValue<ClassLayout> layouts = new ClassValue<>() {
        @Override
        protected ClassLayout computeValue(Class<?> type) {
            return build(type);
        }
    };

    /** {@code rewritten} tells whether the agent rewrote a class's bytecode. */
    ClassLayouts(ShadowHeap heap, Predicate<Class<?>> rewritten) {
        this(heap, rewritten, type -> true);
    }

    /** {@code selected} tells whether the user's filters track objects of a class. */
    ClassLayouts(ShadowHeap heap, Predicate<Class<?>> rewritten, Predicate<Class<?>> selected) {
        this.heap = heap;
        this.rewritten = rewritten;
        this.selected = selected;
    }

    ClassLayout of(Class<?> type) {
        return layouts.get(type);
    }

    private ClassLayout build(Class<?> type) {
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                int id = registerInstanceClass(type, type.getTypeName(), NO_FIELDS, false, ShadowClass.Finalizer.NONE);
                return new ClassLayout(type, id, false, true, selected.test(type), NO_FIELDS);
            }
            int id = heap.classes().registerArrayClass(type.getTypeName(), containers.isContainer(type)).id();
            return new ClassLayout(type, id, true, true, selected.test(type), NO_FIELDS);
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
        return new ClassLayout(type, id, false, trackable, selected.test(type), slotFields);
    }

    /** A class with static reference fields: the layout of its pinned statics holder. */
    StaticHolder staticsOf(Class<?> type) {
        return statics.get(type);
    }

    private final ClassValue<StaticHolder> statics = new ClassValue<>() {
        @Override
        protected StaticHolder computeValue(Class<?> type) {
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
    };

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
