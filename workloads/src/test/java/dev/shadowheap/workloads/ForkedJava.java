package dev.shadowheap.workloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program in a separate process, output captured through files so a chatty stderr cannot block it. */
final class ForkedJava {

    private static final long TIMEOUT_SECONDS = 180;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private ForkedJava() {
    }

    /** The settings of the running test JVM: the drivers are tested by the build's own JDK. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static Path target() {
        return Path.of(System.getProperty("workloads.target", "target"));
    }

    static Path classes() {
        return Path.of(System.getProperty("workloads.classes", "target/classes"));
    }

    /** Runs a workload's driver at its smoke size on the given {@code java} launcher. */
    static Result runSmoke(Path java, Workloads.Workload workload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp",
                Workloads.join(workload.classPath(target(), classes())), workload.mainClass()));
        command.addAll(workload.smokeArgs());
        return run(command);
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("workload", ".out");
        Path err = Files.createTempFile("workload", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
