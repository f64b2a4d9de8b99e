package dev.shadowheap.heap;

import java.util.Arrays;

/** A growable stack of ints, for work lists that must not recurse or box. Not thread-safe. */
public final class IntStack {

    private int[] items;
    private int size;

    public IntStack() {
        this(16);
    }

    public IntStack(int capacity) {
        items = new int[Math.max(4, capacity)];
    }

    public void push(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    public int pop() {
        return items[--size];
    }

    public int peek() {
        return items[size - 1];
    }

    /** Replaces the top element. */
    public void setTop(int value) {
        items[size - 1] = value;
    }

    public int get(int index) {
        return items[index];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(items, size);
    }

    /** Bytes held by the backing array, for memory accounting. */
    public long capacityBytes() {
        return 16L + 4L * items.length;
    }
}
