package dev.shadowheap.agent.track;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Which Java fields become shadow slots: every reference-typed instance field, except the fields of
 * {@link java.lang.ref.Reference}. Its {@code referent} is a weak edge, never a slot; {@code queue},
 * {@code next} and {@code discovered} are written by the collector and the reference-handler thread,
 * not by code the agent can see.
 */
final class SlotRules {

    private SlotRules() {
    }

    static boolean isBookkeeping(Class<?> declaringClass) {
        return declaringClass == java.lang.ref.Reference.class;
    }

    static boolean isInstanceSlot(Field field) {
        return !Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
                && !isBookkeeping(field.getDeclaringClass());
    }

    static boolean isStaticSlot(Field field) {
        return Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive();
    }
}
