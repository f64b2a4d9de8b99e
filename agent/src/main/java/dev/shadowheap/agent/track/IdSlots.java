package dev.shadowheap.agent.track;

import dev.shadowheap.agent.instrument.IdField;
import dev.shadowheap.hooks.ClassAnswers;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Where objects of a class keep their {@link IdField}: its offset, or {@link #NONE} for classes without it (arrays,
 * JDK classes, classes loaded before the agent or rewritten without the field). Only classes of application loaders
 * are looked at, since no other class gets the field; their answers are kept in {@link ClassAnswers} (not a
 * {@code ClassValue}: see there), and a class that is not there is looked up again by reflection, which has no side
 * effects the shadow could miss.
 */
final class IdSlots {

    static final long NONE = -1;

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final ClassAnswers offsets = new ClassAnswers(IdSlots::offsetIn);

    /** The offset of the id field in objects of {@code type}, or {@link #NONE}. */
    long of(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == platform || type.isArray()) {
            return NONE;
        }
        return offsets.of(type);
    }

    /** Looks the field up by reflection: the one declared by the class or its nearest superclass that has it. */
    static long offsetIn(Class<?> type) {
        if (type.isArray()) {
            return NONE;
        }
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            for (Field field : Reflection.declaredFields(k)) {
                if (field.getName().equals(IdField.NAME) && field.getType() == long.class
                        && !Modifier.isStatic(field.getModifiers())) {
                    return Memory.instanceOffset(field);
                }
            }
        }
        return NONE;
    }
}
