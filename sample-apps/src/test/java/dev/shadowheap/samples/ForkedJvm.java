package dev.shadowheap.samples;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a fresh JVM on a main class of this module and captures what it prints. */
final class ForkedJvm {
    private static final long TIMEOUT_SECONDS = 60;

    /** The result of one run: exit code, stdout, stderr and wall-clock time. */
    record Run(int exitCode, String stdout, String stderr, long millis) {
    }

    private ForkedJvm() {
    }

    /** The java launcher of the JDK running the tests. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The JDK 25 launcher configured by the build ({@code jdk25.home}), or null when it is not installed. */
    static Path jdk25Java() {
        String home = System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path java = Path.of(home, "bin", "java");
        return Files.isExecutable(java) ? java : null;
    }

    /** The class-path entries holding {@code classes}, e.g. main and test output folders. */
    static String classPathOf(Class<?>... classes) {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : classes) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("no class-path entry for " + type, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static Run run(Path java, String classPath, List<String> jvmOptions, String mainClass)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList("-cp", classPath, mainClass));
        Path stdout = Files.createTempFile("sample-out", ".txt");
        Path stderr = Files.createTempFile("sample-err", ".txt");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), millis);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
