package dev.shadowheap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.report.Json;
import dev.shadowheap.report.JsonReportReader;
import dev.shadowheap.report.LeakSummary;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.samples.SampleApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.shadowheap.heap.SiteTable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample app, on every installed JDK, run twice in real JVMs — without the agent, then with the built agent
 * jar: the output and exit code must not change, and the agent's JSON report must name exactly the cycles, counts
 * and hangers-on the app states for its own structures, with no unattributed leak and no edge-audit mismatch.
 *
 * <p>An app states what its own code builds. The JDK also builds cyclic garbage of its own while serving the app
 * (JDK 25's reflection caches a {@code HashMap} with its {@code entrySet} view, whose {@code this$0} points back):
 * the agent reports those too, correctly, but no app can state them. So every shape an app states must match
 * exactly, and a shape it does not state fails the test unless all its objects were allocated inside the JDK
 * itself (every allocation site in {@code java.}, {@code jdk.} or {@code sun.}, or unknown: an object of a rewritten
 * JDK class made by JDK code outside the rewriting, which only its own constructor reported): those are printed
 * instead. Which of them show up depends on what the JDK initializes lazily on the app's thread rather than during
 * the agent's start-up: since the agent stopped using {@code String.format} at start-up, the app's first use builds
 * a {@code TreeMap} and its {@code entrySet} view under tracking.
 */
class SampleAppsIT {

    static final Path AGENT = Path.of(System.getProperty("agent.jar", "../agent/target/shadowheap-agent.jar"));
    static final Path SAMPLES = Path.of(System.getProperty("samples.jar", "../sample-apps/target/sample-apps.jar"));
    static final String EXPECTED_PREFIX = "shadowheap-expected: ";


    @TempDir
    Path reports;

    @TestFactory
    Stream<DynamicTest> reportsMatchWhatEachAppStates() {
        assertTrue(Files.isRegularFile(AGENT), "agent jar missing: " + AGENT.toAbsolutePath());
        assertTrue(Files.isRegularFile(SAMPLES), "sample apps jar missing: " + SAMPLES.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path jdk : Jdks.all()) {
            for (var app : SampleApps.all()) {
                String main = app.get().getClass().getName();
                String name = Jdks.label(jdk) + " " + main.substring(main.lastIndexOf('.') + 1);
                tests.add(DynamicTest.dynamicTest(name, () -> check(jdk, main)));
            }
        }
        return tests.stream();
    }

    private void check(Path jdk, String main) throws IOException {
        Path json = reports.resolve(Jdks.label(jdk) + "-" + main + ".json");
        JavaProcess.Result plain = JavaProcess.on(jdk).jvmArg("-cp").jvmArg(SAMPLES.toString()).run(main).start();
        JavaProcess.Result traced = JavaProcess.on(jdk)
                .jvmArg("-javaagent:" + AGENT + "=out=" + json + ",format=both")
                .jvmArg("-cp").jvmArg(SAMPLES.toString()).run(main).start();
        assertEquals(0, plain.exitCode(), plain.describe());
        assertEquals(plain.exitCode(), traced.exitCode(), traced.describe());
        assertEquals(plain.stdout(), traced.stdout(), "output must not change under the agent");

        RunReport report = new JsonReportReader().read(Files.readString(json));
        Expected expected = Expected.from(plain.stdout());
        LeakSummary leaks = report.leaks();
        Map<String, long[]> actual = new TreeMap<>();
        long hangersOn = 0;
        long leaked = 0;
        for (var group : leaks.groups()) {
            if (!expected.cycles().containsKey(group.shape()) && madeByTheJdk(group)) {
                System.out.println("[" + Jdks.label(jdk) + " " + main + "] JDK-internal cycles: " + group.shape()
                        + " x" + group.cycles());
                continue;
            }
            actual.put(group.shape(), new long[] {group.cycles(), group.objects()});
            hangersOn += group.hangersOn();
            leaked += group.objects() + group.hangersOn();
        }
        assertEquals(render(expected.cycles()), render(actual), "cycle shapes -> {cycles, objects}\n" + traced.stderr());
        assertEquals(expected.hangersOn(), hangersOn, "hangers-on\n" + traced.stderr());
        assertEquals(0, leaks.unattributedObjects(), "leaked objects no cycle explains\n" + traced.stderr());
        assertEquals(expected.leakedObjects(), leaked, "leaked objects\n" + traced.stderr());
        assertNotNull(report.audit(), "the edge audit ran");
        assertEquals(0, report.audit().mismatches(), "edge-audit mismatches\n" + traced.stderr());
        assertTrue(report.audit().slotsChecked() > 0, "the edge audit checked something");
    }

    private static boolean madeByTheJdk(dev.shadowheap.analysis.CycleGroup group) {
        return !group.topSites().isEmpty() && group.topSites().stream().map(site -> site.site())
                .allMatch(site -> site.startsWith("java.") || site.startsWith("jdk.") || site.startsWith("sun.")
                        || site.equals(SiteTable.UNKNOWN_NAME));
    }

    private static String render(Map<String, long[]> byShape) {
        StringBuilder out = new StringBuilder();
        byShape.forEach((shape, counts) -> out.append(shape).append(" = ").append(counts[0]).append(" cycles, ")
                .append(counts[1]).append(" objects\n"));
        return out.toString();
    }

    /** The line an app prints last: what it states reference counting alone would leak. */
    record Expected(Map<String, long[]> cycles, long hangersOn, long leakedObjects) {

        @SuppressWarnings("unchecked")
        static Expected from(String stdout) {
            String line = stdout.lines().filter(l -> l.startsWith(EXPECTED_PREFIX)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no expectation line in:\n" + stdout));
            Map<String, Object> json = (Map<String, Object>) Json.parse(line.substring(EXPECTED_PREFIX.length()));
            Map<String, long[]> cycles = new TreeMap<>();
            for (Object entry : (List<Object>) json.get("cycles")) {
                Map<String, Object> cycle = (Map<String, Object>) entry;
                cycles.put((String) cycle.get("shape"),
                        new long[] {(Long) cycle.get("count"), (Long) cycle.get("objects")});
            }
            return new Expected(cycles, (Long) json.get("hangersOn"), (Long) json.get("leakedObjects"));
        }
    }
}
