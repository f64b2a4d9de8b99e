package dev.shadowheap.heap;

import java.util.Arrays;

/**
 * The callbacks of a model (heap listeners, a collector's observers), read on every event as a plain array and copied
 * when one is added or removed, which is rare. Not a list: the loops over it run on every allocation, free or
 * collection, and an iterator object per loop is an allocation per event wherever the JIT cannot remove it (C1, which
 * runs this code until C2 gets to it, never does); in a JDK the agent rewrote, a list's iterator also runs a store hook.
 */
public final class CallbackArray<T> {

    private volatile T[] items;

    /** @param empty an empty array of the element type */
    public CallbackArray(T[] empty) {
        if (empty.length != 0) {
            throw new IllegalArgumentException("CallbackArray: the initial array must be empty");
        }
        this.items = empty;
    }

    /** The callbacks now, in the order they were added; the caller must not change the array. */
    public T[] items() {
        return items;
    }

    public synchronized void add(T item) {
        if (item == null) {
            throw new IllegalArgumentException("CallbackArray: null callback");
        }
        T[] grown = Arrays.copyOf(items, items.length + 1);
        grown[grown.length - 1] = item;
        items = grown;
    }

    /** Removes the first occurrence of {@code item} (by identity), if any. */
    public synchronized void remove(T item) {
        T[] current = items;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == item) {
                T[] shrunk = Arrays.copyOf(current, current.length - 1);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                items = shrunk;
                return;
            }
        }
    }
}
