package dev.shadowheap.agent.track;

import dev.shadowheap.hooks.ThreadState;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The sink's reflection, run so that the class loading it causes is mirrored. The first
 * {@code getDeclaredFields()} of a class loads the types of its fields, and the loading code stores into
 * tracked JDK objects (the loader's lock map, manifest attributes, the jar verifier's tables). Called from a
 * hook, those stores would hit the reentrancy rule and be lost (seen in PMD as {@code Hashtable$Entry.next},
 * {@code ConcurrentHashMap$Node.next} and {@code LinkedHashMap.table} mismatches); here they run as agent
 * work: mirrored when their owner is tracked, with no allocation tracked.
 */
final class Reflection {

    private Reflection() {
    }

    static Field[] declaredFields(Class<?> type) {
        int saved = ThreadState.beginJdkCall();
        try {
            return type.getDeclaredFields();
        } finally {
            ThreadState.endJdkCall(saved);
        }
    }

    static Method[] declaredMethods(Class<?> type) {
        int saved = ThreadState.beginJdkCall();
        try {
            return type.getDeclaredMethods();
        } finally {
            ThreadState.endJdkCall(saved);
        }
    }
}
