package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.report.JsonReportReader;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.TrackingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modes that track less must never report a false leak: the real agent jar on a real JVM, where stores the
 * narrower mode does not track would leave stale edges if they went unseen.
 */
class ModesIT {

    /**
     * An excluded class clears the back-pointer of an included, tracked object. With filters that narrowed the
     * rewriting (before this mode existed) that store went unseen and all 50 pairs were reported: 100 objects.
     */
    @Test
    void aStoreByAnExcludedClassIntoATrackedObjectIsSeen(@TempDir Path dir) throws Exception {
        for (Path java : ForkedJvm.jdks()) {
            RunReport report = run(java, dir, "include=programs.FilteredBackPointer$Node;programs.Nothing*",
                    "programs.FilteredBackPointer");
            assertEquals(50, report.leaks().objects(), "25 pairs still linked leak, the 25 unlinked do not");
            assertEquals(List.of("FilteredBackPointer$Node.next -> FilteredBackPointer$Node.prev"), shapes(report));
            TrackingMode mode = report.mode();
            assertEquals("filtered", mode.name());
            assertEquals(List.of("programs.FilteredBackPointer$Node", "programs.Nothing*"), mode.include());
            assertOnlyLeakedClassTracked(report, 100);
            assertEquals(1, mode.windows());
        }
    }

    /**
     * A tracked class whose superclass the filter leaves out: that superclass's constructor no longer reports the
     * object (its allocations get no hooks), yet the back-pointer it stores is an edge, and not a blind spot.
     */
    @Test
    void aStoreByAFilteredOutSuperclassConstructorIsAnEdgeAndNoBlindSpot(@TempDir Path dir) throws Exception {
        for (Path java : ForkedJvm.jdks()) {
            RunReport report = run(java, dir, "include=programs.FilteredSubclass$Node", "programs.FilteredSubclass");
            assertEquals(40, report.leaks().objects(), "the 20 pairs still linked leak: " + shapes(report));
            assertEquals(List.of("FilteredSubclass$Base.owner -> FilteredSubclass$Node.partner"), shapes(report));
            assertOnlyLeakedClassTracked(report, 80);
            assertEquals(0L, report.tracking().blindSpots().get("storesIntoUntrackedObjects"),
                    report.tracking().blindSpots().toString());
        }
    }

    /**
     * Pairs made inside the window and unlinked after it closed are retired, not reported; pairs that died inside
     * the window are.
     */
    @Test
    void objectsLiveAtTheWindowsCloseAreRetiredWithoutAVerdict(@TempDir Path dir) throws Exception {
        Path java = ForkedJvm.jdks().get(0);
        RunReport report = run(java, dir, "window=1.5,every=1000", "programs.WindowedCycles", "2500");
        TrackingMode mode = report.mode();
        assertEquals("windowed", mode.name());
        assertEquals(1, mode.windows());
        assertEquals(1.5, mode.windowSeconds());
        assertTrue(mode.trackedSeconds() >= 1.5 && mode.trackedSeconds() < mode.runSeconds(), mode.toString());
        assertTrue(mode.retiredObjects() >= 40, "the kept pairs were live at the close: " + mode);
        assertTrue(report.leaks().objects() <= 40, "never a kept pair");
        for (String shape : shapes(report)) {
            assertEquals("WindowedCycles$Dropped.other+", shape);
        }
        // The window opens as the agent's start-up ends, just before main: the dropped pairs are made at once.
        assertEquals(40, report.leaks().objects(), "the dropped pairs died inside the window");
    }

    /**
     * Only {@code count} objects of the leaked objects' size are tracked (each once), besides the zero-size holders of
     * static fields that stores by the JDK's own code into its classes' statics create (a class's statics are roots,
     * whatever the filter).
     */
    private static void assertOnlyLeakedClassTracked(RunReport report, int count) {
        long size = report.leaks().bytes() / report.leaks().objects();
        assertEquals(count * size, report.tracking().bytes(), "only the filtered class is tracked: " + report.tracking());
        TrackingMode mode = report.mode();
        assertTrue(mode.objects() >= count && mode.objects() - count <= report.tracking().classes(), mode.toString());
        assertEquals(mode.objects(), report.tracking().objects());
    }

    private static RunReport run(Path java, Path dir, String options, String program, String... args) throws Exception {
        Path json = dir.resolve("report-" + Math.abs(options.hashCode()) + ".json");
        ForkedJvm.Outcome plain = ForkedJvm.run(java, List.of(), program, args);
        ForkedJvm.Outcome traced = ForkedJvm.run(java,
                List.of("-javaagent:" + ForkedJvm.agentJar() + "=out=" + json + ",format=both," + options), program, args);
        assertEquals(plain.exitCode(), traced.exitCode(), "exit code");
        assertEquals(plain.stdout(), traced.stdout(), "standard output");
        RunReport report = new JsonReportReader().read(Files.readString(json));
        assertEquals(0L, report.tracking().blindSpots().get("hookErrors"), traced.stderr());
        assertEquals(0, report.audit().mismatches(), traced.stderr());
        assertTrue(traced.stderr().contains("mode: " + report.mode().name()), traced.stderr());
        return report;
    }

    private static List<String> shapes(RunReport report) {
        return report.leaks().groups().stream().map(CycleGroup::shape).toList();
    }
}
