package dev.shadowheap.it;

import dev.shadowheap.report.Json;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The overhead harness's output: a fixed-width table for people and a JSON document with every run. */
public final class OverheadReport {

    /** Identifies the JSON layout; bump it when a field changes meaning. */
    public static final String SCHEMA = "shadowheap-overhead/2";

    private static final String ROW = "%-22s %9s %9s %7s %10s %10s %7s %s%n";

    private OverheadReport() {
    }

    public static String header() {
        return String.format(Locale.ROOT, ROW, "workload", "plain s", "agent s", "wall x", "plain MiB", "agent MiB",
                "rss x", "verified");
    }

    /** One line: medians of both sides, ratios, and how many pairs reproduced the plain run's output. */
    public static String row(OverheadHarness.Figures f) {
        int ok = f.pairs().size() - f.problems().size();
        return String.format(Locale.ROOT, ROW, f.name(), fixed(f.plainSeconds(), 3), fixed(f.agentSeconds(), 3),
                fixed(f.wallRatio(), 2), fixed(f.plainRssKb() / 1024.0, 1), fixed(f.agentRssKb() / 1024.0, 1),
                fixed(f.rssRatio(), 2), ok + "/" + f.pairs().size());
    }

    public static String table(List<OverheadHarness.Figures> figures) {
        StringBuilder out = new StringBuilder(header());
        figures.forEach(f -> out.append(row(f)));
        return out.toString();
    }

    /** Every run's figures, the medians, and what was run with what. */
    public static String json(HarnessOptions options, List<OverheadHarness.Figures> figures) {
        StringBuilder out = new StringBuilder("{\n");
        field(out, 1, "schema").append(Json.quoted(SCHEMA)).append(",\n");
        field(out, 1, "finished").append(Json.quoted(Instant.now().toString())).append(",\n");
        field(out, 1, "jdk").append(Json.quoted(options.jdk().toString())).append(",\n");
        field(out, 1, "javaagent").append(Json.quoted(options.javaagentValue())).append(",\n");
        field(out, 1, "jvmArgs").append(strings(options.jvmArgs())).append(",\n");
        field(out, 1, "runsPerSide").append(options.runs()).append(",\n");
        field(out, 1, "processors").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        field(out, 1, "workloads").append("[");
        for (int i = 0; i < figures.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            workload(out, figures.get(i));
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static void workload(StringBuilder out, OverheadHarness.Figures f) {
        out.append("    {\n");
        field(out, 3, "name").append(Json.quoted(f.name())).append(",\n");
        field(out, 3, "mainAndArgs").append(strings(f.workload().mainAndArgs())).append(",\n");
        field(out, 3, "classPath").append(Json.quoted(f.workload().classPath())).append(",\n");
        field(out, 3, "medianPlainSeconds").append(fixed(f.plainSeconds(), 4)).append(",\n");
        field(out, 3, "medianAgentSeconds").append(fixed(f.agentSeconds(), 4)).append(",\n");
        field(out, 3, "wallRatio").append(fixed(f.wallRatio(), 3)).append(",\n");
        field(out, 3, "medianPlainPeakRssKb").append(f.plainRssKb()).append(",\n");
        field(out, 3, "medianAgentPeakRssKb").append(f.agentRssKb()).append(",\n");
        field(out, 3, "rssRatio").append(fixed(f.rssRatio(), 3)).append(",\n");
        field(out, 3, "verified").append(f.problems().isEmpty()).append(",\n");
        field(out, 3, "runs").append("[");
        List<OverheadHarness.Pair> pairs = f.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            OverheadHarness.Pair pair = pairs.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("        {\"plain\": ").append(run(pair.plain()))
                    .append(", \"agent\": ").append(run(pair.agent())).append(", \"agentFirst\": ")
                    .append(pair.agentFirst()).append(", \"problem\": ")
                    .append(pair.problem() == null ? "null" : Json.quoted(pair.problem())).append('}');
        }
        out.append("\n      ]\n    }");
    }

    private static String run(OverheadHarness.Run run) {
        return String.format(Locale.ROOT, "{\"seconds\": %.4f, \"peakRssKb\": %d, \"exitCode\": %d, "
                + "\"loadAverage\": %.2f}", run.seconds(), run.peakRssKb(), run.exitCode(), run.loadAverage());
    }

    private static StringBuilder field(StringBuilder out, int depth, String name) {
        return out.append("  ".repeat(depth)).append(Json.quoted(name)).append(": ");
    }

    private static String strings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Json.quoted(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
