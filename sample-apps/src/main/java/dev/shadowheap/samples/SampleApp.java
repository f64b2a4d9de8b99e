package dev.shadowheap.samples;

/**
 * A sample application: it builds structures, uses them, lets go of every one of them and states, as it
 * goes, what reference counting alone would leak. Implementations are deterministic: the same output and
 * the same expectation on every run.
 */
public interface SampleApp {
    /**
     * Runs the app. Every structure the app drops is first handed to {@link SampleContext#letGo}, so
     * tests can check the stated expectation against the JVM; when this method returns, nothing the
     * app built is reachable any more.
     */
    void run(SampleContext context);
}
