package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Expectation;

/** The body of every app's {@code main}: run it on stdout, then print its expectation line last. */
public final class SampleMain {
    private SampleMain() {
    }

    /** Runs {@code app} and prints {@code shadowheap-expected: {json}} as the final line of stdout. */
    public static void run(SampleApp app) {
        Expectation expectation = Expectation.forApp(app.getClass().getSimpleName());
        app.run(new SampleContext(System.out, expectation, DropObserver.IGNORE));
        System.out.println(expectation.line());
        System.out.flush();
    }
}
