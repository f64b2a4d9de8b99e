package dev.shadowheap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real JVM, waits for it, and measures what the overhead figures need: wall-clock time and peak resident
 * memory (the kernel's {@code VmHWM}, sampled while the process runs). Output is captured whole.
 */
public final class JavaProcess {

    private final Path javaHome;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private long timeoutSeconds = 300;

    private JavaProcess(Path javaHome) {
        this.javaHome = javaHome;
    }

    public static JavaProcess on(Path javaHome) {
        return new JavaProcess(javaHome);
    }

    public JavaProcess jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** The main class (or {@code -jar x.jar}) and its arguments. */
    public JavaProcess run(String... mainAndArgs) {
        command.addAll(List.of(mainAndArgs));
        return this;
    }

    public JavaProcess timeoutSeconds(long seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    public Result start() {
        List<String> line = new ArrayList<>();
        line.add(javaHome.resolve("bin").resolve("java").toString());
        line.addAll(jvmArgs);
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line);
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            Drain out = new Drain(process.getInputStream());
            Drain err = new Drain(process.getErrorStream());
            out.start();
            err.start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peakKb = 0;
            long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, readPeakKb(status));
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + line);
                }
            }
            long wall = System.nanoTime() - started;
            out.join();
            err.join();
            return new Result(line, process.exitValue(), out.text(), err.text(), wall, peakKb);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line, e);
        }
    }

    private static long readPeakKb(Path status) {
        try {
            for (String row : Files.readAllLines(status)) {
                if (row.startsWith("VmHWM:")) {
                    return Long.parseLong(row.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended between two samples: the previous sample stands.
        }
        return 0;
    }

    /** What a finished JVM left behind. */
    public record Result(List<String> commandLine, int exitCode, String stdout, String stderr, long wallNanos,
            long peakRssKb) {

        public double wallSeconds() {
            return wallNanos / 1e9;
        }

        public String describe() {
            return "exit " + exitCode + " after " + String.format("%.2f", wallSeconds()) + " s: " + commandLine
                    + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // The stream closes when the process ends.
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
