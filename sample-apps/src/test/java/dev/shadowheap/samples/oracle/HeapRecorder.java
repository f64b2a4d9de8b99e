package dev.shadowheap.samples.oracle;

import dev.shadowheap.samples.DropObserver;
import dev.shadowheap.samples.expect.ClassNames;
import java.lang.ref.WeakReference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ground truth, side one: records the real object graph behind every structure an app lets go of, by
 * reading fields and array elements reflectively, while holding each object only weakly. After the app
 * has finished, {@link #collect()} asks the JVM's collector which of them died.
 *
 * <p>Only references an agent can observe are recorded: {@code Throwable.backtrace} is filled in by the
 * JVM itself, with JVM-made objects, so it is left out. Classes, class loaders, modules and threads are
 * never entered: they are runtime structure, not app data, and they outlive the app.
 */
final class HeapRecorder implements DropObserver {
    private static final int MAX_OBJECTS = 2_000_000;
    private static final Set<String> UNOBSERVABLE_FIELDS = Set.of("java.lang.Throwable.backtrace");
    private static final List<Class<?>> NOT_ENTERED =
            List.of(Class.class, ClassLoader.class, Module.class, Thread.class, ThreadGroup.class);

    private final ObjectGraph graph = new ObjectGraph();
    private final List<WeakReference<Object>> objects = new ArrayList<>();
    private final Map<Integer, List<Integer>> byIdentityHash = new HashMap<>();
    private final List<Integer> roots = new ArrayList<>();
    private final Map<Class<?>, List<Field>> fieldsByClass = new HashMap<>();

    @Override
    public synchronized void dropping(Object structure) {
        // Identity within this walk; weak references across walks (an object may be reached again later).
        Map<Object, Integer> seen = new IdentityHashMap<>();
        ArrayDeque<Object> toExpand = new ArrayDeque<>();
        Integer rootIndex = numberOf(structure, seen, toExpand);
        if (rootIndex == null) {
            throw new IllegalArgumentException("cannot record a " + structure.getClass() + " as app data");
        }
        roots.add(rootIndex);
        while (!toExpand.isEmpty()) {
            Object owner = toExpand.pop();
            int ownerIndex = seen.get(owner);
            if (owner.getClass().isArray()) {
                if (!owner.getClass().getComponentType().isPrimitive()) {
                    String label = ClassNames.displayName(owner.getClass()) + "[*]";
                    for (int i = 0; i < Array.getLength(owner); i++) {
                        edge(ownerIndex, Array.get(owner, i), label, seen, toExpand);
                    }
                }
                continue;
            }
            for (Field field : referenceFields(owner.getClass())) {
                String label = ClassNames.displayName(field.getDeclaringClass()) + "." + field.getName();
                edge(ownerIndex, read(field, owner), label, seen, toExpand);
            }
        }
    }

    private void edge(int ownerIndex, Object target, String label, Map<Object, Integer> seen,
                      ArrayDeque<Object> toExpand) {
        if (target == null) {
            return;
        }
        Integer targetIndex = numberOf(target, seen, toExpand);
        if (targetIndex != null) {
            graph.addEdge(ownerIndex, targetIndex, label);
        }
    }

    /** The object's number, registering it (and queueing it for expansion) the first time it is met. */
    private Integer numberOf(Object object, Map<Object, Integer> seen, ArrayDeque<Object> toExpand) {
        Integer known = seen.get(object);
        if (known != null) {
            return known;
        }
        for (Class<?> type : NOT_ENTERED) {
            if (type.isInstance(object)) {
                return null;
            }
        }
        int hash = System.identityHashCode(object);
        List<Integer> sameHash = byIdentityHash.computeIfAbsent(hash, h -> new ArrayList<>(1));
        for (int candidate : sameHash) {
            if (objects.get(candidate).get() == object) {
                // Recorded by an earlier drop: its edges are already known.
                seen.put(object, candidate);
                return candidate;
            }
        }
        if (objects.size() >= MAX_OBJECTS) {
            throw new IllegalStateException("more than " + MAX_OBJECTS + " objects reachable from dropped structures");
        }
        int index = graph.addNode();
        objects.add(new WeakReference<>(object));
        sameHash.add(index);
        seen.put(object, index);
        toExpand.push(object);
        return index;
    }

    private List<Field> referenceFields(Class<?> type) {
        return fieldsByClass.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                            || UNOBSERVABLE_FIELDS.contains(c.getName() + "." + field.getName())) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                    } catch (InaccessibleObjectException e) {
                        throw new IllegalStateException("cannot read " + c.getName() + "." + field.getName()
                                + ": run with --add-opens for " + c.getPackageName(), e);
                    }
                    fields.add(field);
                }
            }
            return fields;
        });
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    /**
     * Runs full collections until the set of cleared references stops changing, then classifies the
     * recorded objects. Call it after the app has returned and dropped everything.
     */
    synchronized LeakVerdict collect() {
        boolean[] dead = new boolean[objects.size()];
        int deadCount = -1;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            int now = 0;
            for (int i = 0; i < dead.length; i++) {
                dead[i] = objects.get(i).get() == null;
                now += dead[i] ? 1 : 0;
            }
            if (now == deadCount) {
                break;
            }
            deadCount = now;
        }
        int rootsAlive = 0;
        for (int root : roots) {
            rootsAlive += dead[root] ? 0 : 1;
        }
        return new LeakClassifier(graph, dead).classify(rootsAlive);
    }
}
