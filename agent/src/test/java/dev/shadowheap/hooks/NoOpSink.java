package dev.shadowheap.hooks;

import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/** A sink that ignores every event: tests override the events they look at. */
public class NoOpSink implements HookSink {

    @Override
    public void track(Object object, int site) {
    }

    @Override
    public void trackNewArray(Object array, int site) {
    }

    @Override
    public void trackArrayTree(Object array, int site) {
    }

    @Override
    public int putField(Object owner, Object value, int fieldRef) {
        return 0;
    }

    @Override
    public int putStatic(Class<?> named, Object value, int fieldRef) {
        return 0;
    }

    @Override
    public int arrayStored(Object[] array, int index, Object value) {
        return 0;
    }

    @Override
    public int arrayCopied(Object dest, int destPos, int length) {
        return 0;
    }

    @Override
    public int referenceStored(Object base, long offset, Object value) {
        return 0;
    }

    @Override
    public int varHandleStored(VarHandle handle, Object owner, Object value) {
        return 0;
    }

    @Override
    public int fieldSet(Field field, Object owner, Object value) {
        return 0;
    }
}
