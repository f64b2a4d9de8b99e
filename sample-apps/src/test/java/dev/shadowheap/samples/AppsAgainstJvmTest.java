package dev.shadowheap.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.samples.oracle.GroundTruth;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each app's stated expectation against the JVM: the app runs with every dropped structure recorded
 * (real fields, read reflectively, objects held weakly), the JVM's collector decides what died, and
 * reference counting is replayed on the dead objects. The leaked cycles, their shapes and counts, and
 * the hangers-on must be exactly what the app printed.
 */
class AppsAgainstJvmTest {

    static Stream<Arguments> apps() {
        return SampleApps.all().stream().map(supplier -> {
            SampleApp app = supplier.get();
            return Arguments.of(app.getClass().getSimpleName(), supplier);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void statedLeaksAreWhatTheJvmFreesWithReferencesLeft(String name, Supplier<SampleApp> app) {
        GroundTruth.Comparison comparison = GroundTruth.check(app.get());

        assertEquals(0, comparison.rootsStillAlive(), name + " kept structures it claimed to drop");
        assertTrue(comparison.deadObjects() > 0, name + " dropped nothing the JVM collected");
        assertEquals(comparison.statedSummary(), comparison.observedSummary(), name + ": stated vs observed");
    }
}
