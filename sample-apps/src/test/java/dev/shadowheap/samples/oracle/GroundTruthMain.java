package dev.shadowheap.samples.oracle;

import dev.shadowheap.samples.SampleApp;
import dev.shadowheap.samples.SampleApps;
import java.util.function.Supplier;

/**
 * Checks every app against the JVM in a JVM of your choice (the tests start it on JDK 25):
 * prints one verdict per app and exits with 1 if any stated expectation is wrong.
 */
public final class GroundTruthMain {
    private GroundTruthMain() {
    }

    public static void main(String[] args) {
        int mismatches = 0;
        for (Supplier<SampleApp> supplier : SampleApps.all()) {
            SampleApp app = supplier.get();
            GroundTruth.Comparison comparison = GroundTruth.check(app);
            String name = app.getClass().getSimpleName();
            if (comparison.matches()) {
                System.out.println("OK " + name);
            } else {
                mismatches++;
                System.out.println("MISMATCH " + name + " (roots still alive: " + comparison.rootsStillAlive() + ")");
                System.out.println("stated:\n" + comparison.statedSummary());
                System.out.println("observed:\n" + comparison.observedSummary());
            }
        }
        System.exit(mismatches == 0 ? 0 : 1);
    }
}
