package dev.shadowheap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Runs programs with and without the agent, alternating, and reports median wall-clock time and peak RSS of both
 * sides and their ratios (agent / plain), plus a JSON file with every run. Real workloads run with their own class
 * path and size ({@code --workloads h2,lucene --size smoke}); ad-hoc main classes share one ({@code --cp}).
 *
 * <p>Runs go in pairs, and every other pair runs the agent first (plain-agent, agent-plain, ...), so a machine that
 * gets busier or quieter over time, and any file-cache warming, weighs on both sides alike. Every agent run must
 * print exactly the plain run's stdout and exit with its code; a pair that does not is recorded with the
 * difference, and the harness exits with status 1 after writing everything it measured.
 *
 * <pre>
 * integration-tests/overhead.sh --workloads all --size full --runs 5 [--agent-options audit=0]
 * java -cp integration-tests/target/classes:workloads/target/workloads.jar dev.shadowheap.it.OverheadHarness \
 *     --agent agent/target/shadowheap-agent.jar --workloads h2,lucene --size smoke --runs 5
 * java -cp ... dev.shadowheap.it.OverheadHarness --agent agent/target/shadowheap-agent.jar \
 *     --cp sample-apps/target/sample-apps.jar dev.shadowheap.samples.Demo dev.shadowheap.samples.CleanApp
 * </pre>
 */
public final class OverheadHarness {

    /** One program to measure: a name for the table, its class path, its main class and arguments. */
    public record Workload(String name, String classPath, List<String> mainAndArgs) {

        public Workload {
            mainAndArgs = List.copyOf(mainAndArgs);
        }
    }

    /**
     * One JVM run.
     *
     * @param loadAverage the machine's one-minute load average when the run started: how contended it was
     */
    public record Run(double seconds, long peakRssKb, int exitCode, double loadAverage) {

        static Run of(JavaProcess.Result result, double loadAverage) {
            return new Run(result.wallSeconds(), result.peakRssKb(), result.exitCode(), loadAverage);
        }
    }

    /**
     * A plain run and an agent run made one after the other.
     *
     * @param agentFirst whether the agent run went first
     * @param problem    null if both exited 0 with the same stdout; else what differed
     */
    public record Pair(Run plain, Run agent, boolean agentFirst, String problem) {

        public boolean verified() {
            return problem == null;
        }
    }

    /** Every pair measured for one program, and the medians over them. */
    public record Figures(Workload workload, List<Pair> pairs) {

        public Figures {
            pairs = List.copyOf(pairs);
        }

        public String name() {
            return workload.name();
        }

        public double plainSeconds() {
            return median(pairs, pair -> pair.plain().seconds());
        }

        public double agentSeconds() {
            return median(pairs, pair -> pair.agent().seconds());
        }

        public double wallRatio() {
            return agentSeconds() / plainSeconds();
        }

        public long plainRssKb() {
            return Math.round(median(pairs, pair -> pair.plain().peakRssKb()));
        }

        public long agentRssKb() {
            return Math.round(median(pairs, pair -> pair.agent().peakRssKb()));
        }

        public double rssRatio() {
            return (double) agentRssKb() / plainRssKb();
        }

        /** The pairs whose agent run did not reproduce the plain run. */
        public List<Pair> problems() {
            return pairs.stream().filter(pair -> !pair.verified()).toList();
        }
    }

    private OverheadHarness() {
    }

    /** Runs {@code workload} {@code options.runs()} times on each side, alternating which side goes first. */
    public static Figures measure(HarnessOptions options, Workload workload) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            boolean agentFirst = i % 2 == 1;
            double firstLoad = LoadAverage.oneMinute();
            JavaProcess.Result first = run(options, workload, agentFirst);
            double secondLoad = LoadAverage.oneMinute();
            JavaProcess.Result second = run(options, workload, !agentFirst);
            JavaProcess.Result plain = agentFirst ? second : first;
            JavaProcess.Result traced = agentFirst ? first : second;
            pairs.add(new Pair(Run.of(plain, agentFirst ? secondLoad : firstLoad),
                    Run.of(traced, agentFirst ? firstLoad : secondLoad), agentFirst, compare(plain, traced)));
        }
        return new Figures(workload, pairs);
    }

    private static JavaProcess.Result run(HarnessOptions options, Workload workload, boolean withAgent) {
        JavaProcess process = JavaProcess.on(options.jdk()).timeoutSeconds(options.timeoutSeconds());
        options.jvmArgs().forEach(process::jvmArg);
        if (withAgent) {
            process.jvmArg("-javaagent:" + options.javaagentValue());
        }
        process.jvmArg("-cp").jvmArg(workload.classPath());
        return process.run(workload.mainAndArgs().toArray(String[]::new)).start();
    }

    /** Null if the agent run reproduced a successful plain run; otherwise the first thing that differed. */
    static String compare(JavaProcess.Result plain, JavaProcess.Result traced) {
        if (plain.exitCode() != 0) {
            return "plain run exited " + plain.exitCode() + ": " + lastLine(plain.stderr());
        }
        if (traced.exitCode() != plain.exitCode()) {
            return "agent run exited " + traced.exitCode() + " (plain 0): " + lastLine(traced.stderr());
        }
        if (!traced.stdout().equals(plain.stdout())) {
            return "stdout differs under the agent: " + firstDifference(plain.stdout(), traced.stdout());
        }
        return null;
    }

    static String firstDifference(String plain, String traced) {
        List<String> a = plain.lines().toList();
        List<String> b = traced.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of output>";
            String right = i < b.size() ? b.get(i) : "<end of output>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": plain '" + left + "', agent '" + right + "'";
            }
        }
        return "line endings differ";
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "<no stderr>" : lines.get(lines.size() - 1);
    }

    static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static void main(String[] args) throws IOException {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("OverheadHarness: " + e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.println("# " + options.runs() + " runs each side, alternating; JDK " + options.jdk()
                + "; -javaagent:" + options.javaagentValue());
        System.out.print(OverheadReport.header());
        List<Figures> figures = new ArrayList<>();
        for (Workload workload : options.programs()) {
            Figures measured = measure(options, workload);
            figures.add(measured);
            System.out.print(OverheadReport.row(measured));
        }
        Path out = options.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, OverheadReport.json(options, figures));
        System.out.println("# every run: " + out);
        long problems = 0;
        for (Figures f : figures) {
            for (Pair pair : f.problems()) {
                System.err.println(f.name() + ": " + pair.problem());
                problems++;
            }
        }
        if (problems > 0) {
            System.err.println("OverheadHarness: " + problems + " run pair(s) not reproduced under the agent");
            System.exit(1);
        }
    }
}
