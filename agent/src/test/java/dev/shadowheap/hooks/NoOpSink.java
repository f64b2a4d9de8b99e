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
    public void putField(Object owner, Object value, int fieldRef) {
    }

    @Override
    public void putStatic(Class<?> named, Object value, int fieldRef) {
    }

    @Override
    public void arrayStored(Object[] array, int index, Object value) {
    }

    @Override
    public void arrayCopied(Object dest, int destPos, int length) {
    }

    @Override
    public void referenceStored(Object base, long offset, Object value) {
    }

    @Override
    public void varHandleStored(VarHandle handle, Object owner, Object value) {
    }

    @Override
    public void fieldSet(Field field, Object owner, Object value) {
    }
}
