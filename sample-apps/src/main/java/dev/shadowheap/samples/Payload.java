package dev.shadowheap.samples;

/**
 * Data hanging off a structure. It holds no references, so when a cycle keeps it alive it is exactly
 * one hanger-on; it is always made with {@code new} by the app, so the agent tracks it.
 */
public final class Payload {
    private final int value;

    public Payload(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
