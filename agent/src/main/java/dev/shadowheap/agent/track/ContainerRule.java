package dev.shadowheap.agent.track;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Decides which Java classes count as CPython GC containers (objects the cycle collector tracks).
 *
 * <p>A class is a container iff one of its reference slots could hold a container: an instance field
 * (own or inherited, {@link java.lang.ref.Reference}'s bookkeeping excluded) whose declared type is a
 * reference type other than a primitive array and other than a final class that is itself not a
 * container ({@code String}, the boxes). An array is a container iff its component type is such a
 * reference type. Where the question depends on itself (a final class whose field has its own type),
 * the answer is yes: such objects can form a cycle.
 */
public final class ContainerRule {

    private final WeakHashMap<Class<?>, Boolean> known = new WeakHashMap<>();
    private final Set<Class<?>> deciding = new HashSet<>();

    /** Whether objects of {@code type} are GC containers. */
    public synchronized boolean isContainer(Class<?> type) {
        Boolean answer = known.get(type);
        if (answer != null) {
            return answer;
        }
        if (!deciding.add(type)) {
            return true; // recursive: the type can reach itself
        }
        try {
            boolean container = type.isArray() ? couldHoldContainer(type.getComponentType()) : anySlotCouldHoldContainer(type);
            known.put(type, container);
            return container;
        } finally {
            deciding.remove(type);
        }
    }

    private boolean anySlotCouldHoldContainer(Class<?> type) {
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (SlotRules.isBookkeeping(k)) {
                continue;
            }
            for (Field field : Reflection.declaredFields(k)) {
                if (!Modifier.isStatic(field.getModifiers()) && couldHoldContainer(field.getType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a slot declared with this type could hold a container. */
    boolean couldHoldContainer(Class<?> declared) {
        if (declared.isPrimitive()) {
            return false;
        }
        if (declared.isArray()) {
            return !declared.getComponentType().isPrimitive() && isContainer(declared);
        }
        if (Modifier.isFinal(declared.getModifiers())) {
            return isContainer(declared);
        }
        return true; // an interface or non-final class: a subclass instance may be a container
    }
}
