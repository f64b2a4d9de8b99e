package dev.shadowheap.agent.track;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which field a field {@link VarHandle} writes. The JDK does not say, so this reads the handle's
 * implementation fields ({@code fieldOffset}, and {@code base} for static fields, as in
 * {@code VarHandleReferences$FieldInstanceReadWrite}/{@code FieldStaticReadWrite} on JDK 17 to 25),
 * following {@code target} through wrapping handles. Answers are cached per handle.
 */
final class VarHandleTargets {

    /** Where a handle stores: an instance field at {@code offset}, or a static field of {@code staticBase}. */
    static final class Target {
        final long offset;
        final Object staticBase;

        Target(long offset, Object staticBase) {
            this.offset = offset;
            this.staticBase = staticBase;
        }
    }

    private static final Target UNKNOWN = new Target(-1, null);

    private final ConcurrentHashMap<VarHandle, Target> cache = new ConcurrentHashMap<>();

    /** The target of a field handle, or null if the handle's implementation is not understood. */
    Target of(VarHandle handle) {
        Target target = cache.get(handle);
        if (target == null) {
            target = resolve(handle, 0);
            cache.put(handle, target);
        }
        return target == UNKNOWN ? null : target;
    }

    private static Target resolve(Object handle, int depth) {
        if (handle == null || depth > 4) {
            return UNKNOWN;
        }
        Field fieldOffset = null;
        Field base = null;
        Field wrapped = null;
        for (Class<?> k = handle.getClass(); k != null && k != VarHandle.class; k = k.getSuperclass()) {
            for (Field field : Reflection.declaredFields(k)) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                switch (field.getName()) {
                    case "fieldOffset": if (field.getType() == long.class) { fieldOffset = field; } break;
                    case "base": base = field; break;
                    case "target": if (VarHandle.class.isAssignableFrom(field.getType())) { wrapped = field; } break;
                    default: break;
                }
            }
        }
        if (fieldOffset != null) {
            long offset = Memory.longAt(handle, Memory.instanceOffset(fieldOffset));
            Object staticBase = base == null ? null : Memory.reference(handle, Memory.instanceOffset(base));
            return new Target(offset, staticBase);
        }
        if (wrapped != null) {
            return resolve(Memory.reference(handle, Memory.instanceOffset(wrapped)), depth + 1);
        }
        return UNKNOWN;
    }
}
