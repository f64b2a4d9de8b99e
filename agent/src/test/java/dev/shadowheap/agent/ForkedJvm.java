package dev.shadowheap.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test program in a fresh JVM and captures what it printed and how it exited. */
final class ForkedJvm {

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private ForkedJvm() {
    }

    static Outcome run(Path javaExecutable, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("shadowheap.programs", "target/test-classes"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile("forked", ".out");
        Path err = Files.createTempFile("forked", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The JDK 17 running the build, and the JDK 25 if installed. */
    static List<Path> jdks() {
        List<Path> jdks = new ArrayList<>();
        jdks.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        Path jdk25 = Path.of(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (Files.isExecutable(jdk25)) {
            jdks.add(jdk25);
        } else {
            System.err.println("JDK 25 not found at " + jdk25 + ": agent runs on JDK 25 are skipped");
        }
        return jdks;
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("shadowheap.agent.jar", "target/shadowheap-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("agent jar not built: " + jar + " (run mvn verify)");
        }
        return jar;
    }
}
