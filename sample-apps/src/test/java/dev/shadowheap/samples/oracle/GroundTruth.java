package dev.shadowheap.samples.oracle;

import dev.shadowheap.samples.SampleApp;
import dev.shadowheap.samples.SampleContext;
import dev.shadowheap.samples.expect.Expectation;
import java.io.OutputStream;
import java.io.PrintStream;

/** Runs an app with its drops recorded, lets the JVM collect, and returns both sides for comparison. */
public final class GroundTruth {
    private GroundTruth() {
    }

    /** What the app stated and what the JVM plus the recorded graph say. */
    public record Comparison(Expectation stated, String statedSummary, String observedSummary,
                             int deadObjects, int rootsStillAlive) {
        public boolean matches() {
            return statedSummary.equals(observedSummary) && rootsStillAlive == 0;
        }
    }

    /** Runs {@code app} silently, recording every structure it lets go of, then collects and classifies. */
    public static Comparison check(SampleApp app) {
        HeapRecorder recorder = new HeapRecorder();
        Expectation expectation = Expectation.forApp(app.getClass().getSimpleName());
        app.run(new SampleContext(new PrintStream(OutputStream.nullOutputStream()), expectation, recorder));
        LeakVerdict verdict = recorder.collect();
        return new Comparison(expectation, LeakVerdict.summaryOf(expectation), verdict.summary(),
                verdict.deadObjects(), verdict.rootsStillAlive());
    }
}
