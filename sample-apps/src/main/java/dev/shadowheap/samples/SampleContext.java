package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Expectation;
import java.io.PrintStream;

/** What an app runs with: where to print, the expectation it fills in, and who hears about drops. */
public final class SampleContext {
    private final PrintStream out;
    private final Expectation expectation;
    private final DropObserver drops;

    /** A context printing to {@code out}, stating into {@code expectation}, reporting drops to {@code drops}. */
    public SampleContext(PrintStream out, Expectation expectation, DropObserver drops) {
        if (out == null || expectation == null || drops == null) {
            throw new IllegalArgumentException("out, expectation and drops are all required");
        }
        this.out = out;
        this.expectation = expectation;
        this.drops = drops;
    }

    /** Where the app prints its (deterministic) output. */
    public PrintStream out() {
        return out;
    }

    /** The expectation the app states its leaks into. */
    public Expectation expect() {
        return expectation;
    }

    /** Announces that the app is about to drop its last reference to {@code structure}. */
    public void letGo(Object structure) {
        if (structure == null) {
            throw new IllegalArgumentException("letGo needs the structure being dropped, got null");
        }
        drops.dropping(structure);
    }
}
