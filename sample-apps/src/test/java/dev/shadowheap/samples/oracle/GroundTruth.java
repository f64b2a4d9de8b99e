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
    public record Comparison(String statedLine, String statedSummary, String observedSummary,
                             int deadObjects, int rootsStillAlive) {
        public boolean matches() {
            return statedSummary.equals(observedSummary) && rootsStillAlive == 0;
        }
    }

    /** Runs {@code app} silently, recording every structure it lets go of, then collects and classifies. */
    public static Comparison check(SampleApp app) {
        HeapRecorder recorder = new HeapRecorder();
        String[] stated = runRecorded(app, recorder);
        LeakVerdict verdict = recorder.collect();
        return new Comparison(stated[0], stated[1], verdict.summary(), verdict.deadObjects(), verdict.rootsStillAlive());
    }

    /**
     * Runs the app as {@code SampleMain} does and returns its expectation line and summary. The
     * expectation is created and dropped inside this frame: main prints the line and then lets go of the
     * expectation, which must not leak anything itself, so it is recorded like any other structure.
     */
    private static String[] runRecorded(SampleApp app, HeapRecorder recorder) {
        Expectation expectation = Expectation.forApp(app.getClass().getSimpleName());
        app.run(new SampleContext(new PrintStream(OutputStream.nullOutputStream()), expectation, recorder));
        String[] stated = {expectation.line(), LeakVerdict.summaryOf(expectation)};
        recorder.dropping(expectation);
        return stated;
    }
}
