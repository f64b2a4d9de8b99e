package dev.shadowheap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.report.JsonReportReader;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real-application workload (H2, Lucene, Xalan, PMD, Jython), once without and once with the built agent jar,
 * at its smoke size, on JDK 17 and JDK 25: the agent must not change the output or the exit code, must not fail
 * inside (no hook error, no agent-internal error), and must write a report whose edge audit agrees with the real
 * heap on all but a rounding error of the slots it re-read. A summary table (tracked objects, the share reference
 * counting alone would leak, the top cycle shapes, audit rate, both wall-clock times) is printed at the end and
 * written to {@code workloads-under-agent.txt} in the build directory.
 *
 * <p>The workloads' output is deterministic by construction (counts and checksums), so "the same" is a byte
 * comparison. Unlike the sample apps, no workload states its leaks: the test checks the report's consistency, and
 * the table shows what it found.
 */
class WorkloadsIT {

    static final Path AGENT = Path.of(System.getProperty("agent.jar", "../agent/target/shadowheap-agent.jar"));
    static final Path WORKLOADS = Path.of(System.getProperty("workloads.target", "../workloads/target"));
    /** Upper bound on audit mismatches per slot re-read: 1 in 10,000. */
    static final double MAX_AUDIT_MISMATCH_RATE = 0.0001;
    /** PMD under the agent takes ~70 s at smoke size on a loaded 2-core machine; this only stops a hang. */
    static final long TIMEOUT_SECONDS = 600;

    private static final List<String> SUMMARY = new ArrayList<>();

    @TempDir
    Path reports;

    @TestFactory
    Stream<DynamicTest> everyWorkloadRunsUnchangedUnderTheAgent() {
        assertTrue(Files.isRegularFile(AGENT), "agent jar missing: " + AGENT.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path jdk : Jdks.all()) {
            for (Workloads.Workload workload : Workloads.all()) {
                tests.add(DynamicTest.dynamicTest(Jdks.label(jdk) + " " + workload.name(),
                        () -> check(jdk, workload)));
            }
        }
        return tests.stream();
    }

    private void check(Path jdk, Workloads.Workload workload) throws IOException {
        String classPath = workload.classPathString(WORKLOADS.toAbsolutePath());
        String[] mainAndArgs = Stream.concat(Stream.of(workload.mainClass()), workload.smokeArgs().stream())
                .toArray(String[]::new);
        Path json = reports.resolve(Jdks.label(jdk) + "-" + workload.name() + ".json");

        JavaProcess.Result plain = JavaProcess.on(jdk).timeoutSeconds(TIMEOUT_SECONDS)
                .jvmArg("-cp").jvmArg(classPath).run(mainAndArgs).start();
        JavaProcess.Result traced = JavaProcess.on(jdk).timeoutSeconds(TIMEOUT_SECONDS)
                .jvmArg("-javaagent:" + AGENT.toAbsolutePath() + "=out=" + json + ",format=both")
                .jvmArg("-cp").jvmArg(classPath).run(mainAndArgs).start();

        assertEquals(0, plain.exitCode(), plain.describe());
        assertEquals(plain.exitCode(), traced.exitCode(), traced.describe());
        assertEquals(plain.stdout(), traced.stdout(), workload.name() + ": output must not change under the agent");
        assertTrue(Files.isRegularFile(json), "no JSON report written\n" + traced.stderr());

        RunReport report = new JsonReportReader().read(Files.readString(json));
        assertNotNull(report.audit(), "the edge audit ran\n" + traced.stderr());
        SUMMARY.add(summaryRow(Jdks.label(jdk) + " " + workload.name(), report, plain, traced));

        assertEquals(0L, report.tracking().blindSpots().getOrDefault("hookErrors", -1L),
                "hook errors\n" + traced.stderr());
        assertEquals(0L, report.tracking().blindSpots().getOrDefault("agentInternalErrors", -1L),
                "agent-internal errors\n" + traced.stderr());
        assertTrue(report.tracking().objects() > 10_000, "a real workload tracks many objects: "
                + report.tracking().objects());
        assertTrue(report.leaks().objects() <= report.tracking().objects(), "leaked more than tracked");
        assertFalse(report.leaks().groups().isEmpty(), "every workload runs JDK code that builds cyclic garbage"
                + " (collection views, LinkedHashMap entries): no cycle shapes reported\n" + traced.stderr());
        assertTrue(report.audit().slotsChecked() > 0, "the edge audit checked something");
        assertTrue(report.audit().mismatchRate() < MAX_AUDIT_MISMATCH_RATE,
                String.format(Locale.ROOT, "edge-audit mismatch rate %.4f %% (%d of %d slots) >= %.4f %%%n%s",
                        100 * report.audit().mismatchRate(), report.audit().mismatches(),
                        report.audit().slotsChecked(), 100 * MAX_AUDIT_MISMATCH_RATE, auditLines(traced.stderr())));
    }

    private static String summaryRow(String name, RunReport report, JavaProcess.Result plain,
            JavaProcess.Result traced) {
        String shapes = report.leaks().groups().stream()
                .sorted((a, b) -> Long.compare(b.totalBytes(), a.totalBytes())).limit(3)
                .map(CycleGroup::shape).map(shape -> shape.length() > 60 ? shape.substring(0, 57) + "..." : shape)
                .collect(Collectors.joining(" | "));
        return String.format(Locale.ROOT, "%-14s %10d %8.2f %10.4f %8.2f %8.2f  %s", name,
                report.tracking().objects(), 100 * report.leakedObjectShare(), 100 * report.audit().mismatchRate(),
                plain.wallSeconds(), traced.wallSeconds(), shapes.isEmpty() ? "-" : shapes);
    }

    private static String auditLines(String stderr) {
        return stderr.lines().filter(line -> line.contains("audit")).collect(Collectors.joining("\n"));
    }

    @AfterAll
    static void printSummary() throws IOException {
        String table = String.format(Locale.ROOT, "%-14s %10s %8s %10s %8s %8s  %s%n", "workload", "tracked",
                "leaked%", "audit%", "plain s", "agent s", "top 3 cycle shapes (by bytes)")
                + String.join("\n", SUMMARY) + "\n";
        System.out.println("[shadowheap-it] workloads under the agent (smoke size)\n" + table);
        Path out = Path.of(System.getProperty("it.target", "target"), "workloads-under-agent.txt");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }
}
