package dev.shadowheap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs each workload with and without the agent, alternating, and prints the median wall-clock and peak-RSS ratios
 * (agent / no agent), plus a JSON file with every run. Alternation spreads machine noise over both sides evenly.
 *
 * <pre>
 * java -cp integration-tests/target/classes dev.shadowheap.it.OverheadHarness \
 *     --agent agent/target/shadowheap-agent.jar[=options] --cp sample-apps/target/sample-apps.jar \
 *     --runs 5 --out overhead.json dev.shadowheap.samples.Demo dev.shadowheap.samples.CleanApp ...
 * </pre>
 */
public final class OverheadHarness {

    /** One program to measure: a name for the table, its class path, its main class and arguments. */
    public record Workload(String name, String classPath, List<String> mainAndArgs) {
    }

    /** Medians over the runs of one workload. */
    public record Figures(String name, double baseSeconds, double agentSeconds, long baseRssKb, long agentRssKb,
            List<Double> baseRuns, List<Double> agentRuns, List<Long> baseRss, List<Long> agentRss) {

        public double wallRatio() {
            return agentSeconds / baseSeconds;
        }

        public double rssRatio() {
            return (double) agentRssKb / baseRssKb;
        }
    }

    private OverheadHarness() {
    }

    public static Figures measure(Path jdk, String agentArg, Workload workload, int runs, List<String> jvmArgs) {
        List<Double> base = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        List<Long> baseRss = new ArrayList<>();
        List<Long> agentRss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            JavaProcess.Result plain = run(jdk, null, workload, jvmArgs);
            JavaProcess.Result traced = run(jdk, agentArg, workload, jvmArgs);
            if (plain.exitCode() != traced.exitCode() || !plain.stdout().equals(traced.stdout())) {
                throw new IllegalStateException(workload.name() + ": output or exit code differs under the agent\n"
                        + plain.describe() + "\n" + traced.describe());
            }
            base.add(plain.wallSeconds());
            agent.add(traced.wallSeconds());
            baseRss.add(plain.peakRssKb());
            agentRss.add(traced.peakRssKb());
        }
        return new Figures(workload.name(), median(base), median(agent), medianLong(baseRss), medianLong(agentRss),
                base, agent, baseRss, agentRss);
    }

    private static JavaProcess.Result run(Path jdk, String agentArg, Workload workload, List<String> jvmArgs) {
        JavaProcess process = JavaProcess.on(jdk);
        jvmArgs.forEach(process::jvmArg);
        if (agentArg != null) {
            process.jvmArg("-javaagent:" + agentArg);
        }
        process.jvmArg("-cp").jvmArg(workload.classPath());
        return process.run(workload.mainAndArgs().toArray(String[]::new)).start();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static long medianLong(List<Long> values) {
        return Math.round(median(values.stream().map(Long::doubleValue).toList()));
    }

    public static String table(List<Figures> figures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-28s %9s %9s %7s %10s %10s %7s%n",
                "workload", "base s", "agent s", "wall x", "base MiB", "agent MiB", "rss x"));
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT, "%-28s %9.3f %9.3f %7.2f %10.1f %10.1f %7.2f%n", f.name(),
                    f.baseSeconds(), f.agentSeconds(), f.wallRatio(), f.baseRssKb() / 1024.0,
                    f.agentRssKb() / 1024.0, f.rssRatio()));
        }
        return out.toString();
    }

    public static String json(List<Figures> figures) {
        StringBuilder out = new StringBuilder("{\"schema\": \"shadowheap-overhead/1\", \"workloads\": [");
        for (int i = 0; i < figures.size(); i++) {
            Figures f = figures.get(i);
            out.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"name\": \"%s\", \"medianBaseSeconds\": %.4f, \"medianAgentSeconds\": %.4f, \"wallRatio\": %.3f,"
                            + " \"medianBaseRssKb\": %d, \"medianAgentRssKb\": %d, \"rssRatio\": %.3f,"
                            + " \"baseSeconds\": %s, \"agentSeconds\": %s, \"baseRssKb\": %s, \"agentRssKb\": %s}",
                    f.name(), f.baseSeconds(), f.agentSeconds(), f.wallRatio(), f.baseRssKb(), f.agentRssKb(),
                    f.rssRatio(), f.baseRuns(), f.agentRuns(), f.baseRss(), f.agentRss()));
        }
        return out.append("\n]}\n").toString();
    }

    public static void main(String[] args) throws IOException {
        String agent = null;
        String classPath = null;
        Path out = null;
        int runs = 5;
        Path jdk = Jdks.current();
        List<String> mains = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--agent" -> agent = args[++i];
                case "--cp" -> classPath = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jdk" -> jdk = Path.of(args[++i]);
                default -> mains.add(args[i]);
            }
        }
        if (agent == null || classPath == null || mains.isEmpty() || runs < 1) {
            System.err.println("usage: OverheadHarness --agent <jar[=options]> --cp <classpath> [--runs N>=1]"
                    + " [--jdk <java home>] [--out file.json] <main class>...");
            System.exit(2);
        }
        List<Figures> figures = new ArrayList<>();
        for (String main : mains) {
            String[] parts = main.split(" ");
            Workload workload = new Workload(parts[0].substring(parts[0].lastIndexOf('.') + 1), classPath,
                    Arrays.asList(parts));
            figures.add(measure(jdk, agent, workload, runs, List.of()));
            System.out.print(table(List.of(figures.get(figures.size() - 1))));
        }
        System.out.println();
        System.out.print(table(figures));
        if (out != null) {
            Files.writeString(out, json(figures));
        }
    }
}
