package dev.shadowheap.agent.instrument;

import dev.shadowheap.hooks.HookSink;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A hook sink that writes down what it was told, naming objects by class and order of tracking. */
final class RecordingSink implements HookSink {

    final List<String> events = new ArrayList<>();
    private final Map<Object, String> names = new IdentityHashMap<>();

    String name(Object object) {
        if (object == null) {
            return "null";
        }
        String name = names.get(object);
        return name != null ? name : "untracked " + object.getClass().getSimpleName();
    }

    boolean tracked(Object object) {
        return names.containsKey(object);
    }

    private void tracked(String kind, Object object, int site) {
        if (!names.containsKey(object)) {
            names.put(object, object.getClass().getSimpleName() + "#" + names.size());
            events.add(kind + " " + name(object) + " site=" + site);
        }
    }

    @Override
    public void track(Object object, int site) {
        tracked("track", object, site);
    }

    @Override
    public void trackNewArray(Object array, int site) {
        tracked("array", array, site);
    }

    @Override
    public void trackArrayTree(Object array, int site) {
        tracked("arrayTree", array, site);
    }

    @Override
    public int putField(Object owner, Object value, int fieldRef) {
        events.add("putField " + name(owner) + " ref=" + fieldRef + " = " + name(value));
        return 0;
    }

    @Override
    public int putStatic(Class<?> named, Object value, int fieldRef) {
        events.add("putStatic " + named.getSimpleName() + " ref=" + fieldRef + " = " + name(value));
        return 0;
    }

    @Override
    public int arrayStored(Object[] array, int index, Object value) {
        events.add("arrayStored " + name(array) + "[" + index + "] = " + name(value));
        return 0;
    }

    @Override
    public int arrayCopied(Object dest, int destPos, int length) {
        events.add("arrayCopied " + name(dest) + " from " + destPos + " length " + length);
        return 0;
    }

    @Override
    public int referenceStored(Object base, long offset, Object value) {
        events.add("referenceStored " + name(base) + " = " + name(value));
        return 0;
    }

    @Override
    public int varHandleStored(VarHandle handle, Object owner, Object value) {
        events.add("varHandleStored " + name(owner) + " = " + name(value));
        return 0;
    }

    @Override
    public int fieldSet(Field field, Object owner, Object value) {
        events.add("fieldSet " + field.getName());
        return 0;
    }
}
