package dev.shadowheap.it;

import dev.shadowheap.workloads.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The overhead harness's command line, parsed and checked: which programs to run (real workloads from the
 * {@link Workloads} registry, each with its own class path and size, or ad-hoc main classes on one class path), how
 * often, on which JDK, with which agent options. A bad argument is an {@link IllegalArgumentException} naming it.
 *
 * @param agentJar    the agent jar
 * @param agentOptions options passed to the agent unchanged ({@code -javaagent:jar=options}), or empty
 * @param programs    what to measure, in order
 * @param runs        runs with and without the agent, per program
 * @param jdk         the Java home the programs run on
 * @param jvmArgs     extra JVM arguments for both sides (e.g. {@code -Xmx2g})
 * @param out         where the JSON goes
 * @param timeoutSeconds limit per single run
 */
public record HarnessOptions(Path agentJar, String agentOptions, List<OverheadHarness.Workload> programs, int runs,
        Path jdk, List<String> jvmArgs, Path out, long timeoutSeconds) {

    static final String USAGE = String.join("\n",
            "usage: OverheadHarness --agent <jar[=options]> [--agent-options <k=v,...>]",
            "         (--workloads <name,...|all> [--size full|smoke|<n>] [--workloads-dir <workloads/target>]",
            "          | --cp <classpath> <main class [args]>...)",
            "         [--runs N (default 5)] [--jdk <java home>] [--jvm-arg <arg>]... [--timeout <s per run>]",
            "         [--out <file.json> (default benchmark-results/overhead-<time>.json)]");

    public HarnessOptions {
        programs = List.copyOf(programs);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The {@code -javaagent:} value: the jar, then {@code =options} if there are any. */
    public String javaagentValue() {
        return agentOptions.isEmpty() ? agentJar.toString() : agentJar + "=" + agentOptions;
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or malformed
     */
    public static HarnessOptions parse(String... args) {
        String agent = null;
        List<String> agentOptions = new ArrayList<>();
        String workloadNames = null;
        String size = "full";
        Path workloadsDir = Path.of("workloads", "target");
        String classPath = null;
        List<String> mains = new ArrayList<>();
        int runs = 5;
        Path jdk = Jdks.current();
        List<String> jvmArgs = new ArrayList<>();
        Path out = null;
        long timeout = 1800;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--agent" -> agent = value(args, ++i, arg);
                case "--agent-options" -> agentOptions.add(value(args, ++i, arg));
                case "--workloads" -> workloadNames = value(args, ++i, arg);
                case "--size" -> size = value(args, ++i, arg);
                case "--workloads-dir" -> workloadsDir = Path.of(value(args, ++i, arg));
                case "--cp" -> classPath = value(args, ++i, arg);
                case "--runs" -> runs = positive(value(args, ++i, arg), arg);
                case "--jdk" -> jdk = Path.of(value(args, ++i, arg));
                case "--jvm-arg" -> jvmArgs.add(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--timeout" -> timeout = positive(value(args, ++i, arg), arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    mains.add(arg);
                }
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException("--agent <jar> is required");
        }
        int equals = agent.indexOf('=');
        Path agentJar = Path.of(equals < 0 ? agent : agent.substring(0, equals));
        if (equals >= 0 && equals + 1 < agent.length()) {
            agentOptions.add(0, agent.substring(equals + 1));
        }
        if (!Files.isExecutable(jdk.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("--jdk " + jdk + ": no bin/java there");
        }
        List<OverheadHarness.Workload> programs = new ArrayList<>();
        if (workloadNames != null) {
            programs.addAll(registryWorkloads(workloadNames, size, workloadsDir.toAbsolutePath()));
        } else if (!"full".equals(size)) {
            throw new IllegalArgumentException("--size applies to --workloads only");
        }
        if (classPath != null) {
            if (mains.isEmpty()) {
                throw new IllegalArgumentException("--cp given but no main class to run on it");
            }
            for (String main : mains) {
                List<String> mainAndArgs = Arrays.asList(main.trim().split("\\s+"));
                String simpleName = mainAndArgs.get(0).substring(mainAndArgs.get(0).lastIndexOf('.') + 1);
                programs.add(new OverheadHarness.Workload(simpleName, classPath, mainAndArgs));
            }
        } else if (!mains.isEmpty()) {
            throw new IllegalArgumentException("main classes " + mains + " given without --cp");
        }
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: give --workloads or --cp with main classes");
        }
        if (out == null) {
            out = Path.of("benchmark-results", "overhead-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        }
        return new HarnessOptions(agentJar, String.join(",", agentOptions), programs, runs, jdk, jvmArgs, out,
                timeout);
    }

    private static List<OverheadHarness.Workload> registryWorkloads(String names, String size, Path targetDir) {
        List<Workloads.Workload> chosen = new ArrayList<>();
        if (names.equals("all")) {
            chosen.addAll(Workloads.all());
        } else {
            for (String name : names.split(",")) {
                chosen.add(Workloads.named(name.trim())); // names the known ones if unknown
            }
        }
        List<OverheadHarness.Workload> programs = new ArrayList<>();
        for (Workloads.Workload w : chosen) {
            List<String> mainAndArgs = new ArrayList<>();
            mainAndArgs.add(w.mainClass());
            mainAndArgs.addAll(sizeArgs(w, size));
            programs.add(new OverheadHarness.Workload(w.name(), w.classPathString(targetDir), mainAndArgs));
        }
        return programs;
    }

    private static List<String> sizeArgs(Workloads.Workload workload, String size) {
        return switch (size.toLowerCase(Locale.ROOT)) {
            case "full" -> workload.fullArgs();
            case "smoke" -> workload.smokeArgs();
            default -> {
                try {
                    yield List.of(Integer.toString(positive(size, "--size")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--size must be full, smoke or a positive integer: '" + size
                            + "'");
                }
            }
        };
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(option + " must be a positive integer: '" + text + "'");
    }
}
