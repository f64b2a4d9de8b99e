package dev.shadowheap.heap;

/** A growable first-in first-out queue of ints, for work that must be done in arrival order without boxing. Not thread-safe. */
final class IntQueue {

    private int[] items = new int[16];
    private int head;
    private int size;

    void add(int value) {
        if (size == items.length) {
            int[] grown = new int[items.length * 2];
            int firstPart = Math.min(size, items.length - head);
            System.arraycopy(items, head, grown, 0, firstPart);
            System.arraycopy(items, 0, grown, firstPart, size - firstPart);
            items = grown;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    /** Removes and returns the oldest value; the queue must not be empty. */
    int poll() {
        if (size == 0) {
            throw new IllegalStateException("poll: empty queue");
        }
        int value = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return value;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
