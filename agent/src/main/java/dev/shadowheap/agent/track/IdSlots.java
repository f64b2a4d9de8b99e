package dev.shadowheap.agent.track;

import dev.shadowheap.agent.instrument.IdField;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Where objects of a class keep their {@link IdField}: its offset, or {@link #NONE} for classes without it (arrays,
 * JDK classes, classes loaded before the agent or rewritten without the field). Only classes of application loaders
 * are looked at, since no other class gets the field.
 *
 * <p>Not a {@code ClassValue}: a first {@code ClassValue.get} for a class puts an entry into that class's own map,
 * which the program may have made (Jython, Lucene keep values per class); that store happens inside a hook, where it
 * cannot be mirrored, and the shadow of the program's map would diverge. So answers are kept in a direct-mapped cache
 * of the agent's own (weakly holding each class, so that no class is kept from unloading), and a class that is not
 * there is looked up again by reflection, which has no side effects the shadow could miss.
 */
final class IdSlots {

    static final long NONE = -1;
    private static final int CACHE_SIZE = 1 << 13;

    /** A class and its answer; immutable, so a racing reader sees it whole. */
    private static final class Entry {
        final java.lang.ref.WeakReference<Class<?>> type;
        final long offset;

        Entry(Class<?> type, long offset) {
            this.type = new java.lang.ref.WeakReference<>(type);
            this.offset = offset;
        }
    }

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final Entry[] cache = new Entry[CACHE_SIZE];

    /** The offset of the id field in objects of {@code type}, or {@link #NONE}. */
    long of(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == platform || type.isArray()) {
            return NONE;
        }
        int index = System.identityHashCode(type) & (CACHE_SIZE - 1);
        Entry entry = cache[index];
        if (entry != null && entry.type.refersTo(type)) {
            return entry.offset;
        }
        long offset = offsetIn(type);
        cache[index] = new Entry(type, offset);
        return offset;
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
