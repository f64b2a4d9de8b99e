package dev.shadowheap.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Prints how many times faster the model's full collection is than CPython's {@code gc.collect()} on the same
 * graph shape: JMH for the model, {@code full_collection.py} (median of repeated collections) for CPython.
 * Usage: {@code java -cp benchmarks.jar dev.shadowheap.benchmarks.CollectionVsCPython [python3] [objects]}.
 */
public final class CollectionVsCPython {

    private CollectionVsCPython() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        String python = args.length > 0 ? args[0] : "python3";
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path script = Files.createTempFile("full_collection", ".py");
        try (InputStream in = CollectionVsCPython.class.getResourceAsStream("full_collection.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(python, script.toString(), Integer.toString(objects), "7")
                .redirectErrorStream(true).start();
        String[] answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        if (process.waitFor() != 0 || answer.length != 2) {
            throw new IllegalStateException("python failed: " + String.join(" ", answer));
        }
        double cpythonMillis = Double.parseDouble(answer[1]) * 1000;
        RunResult result = new Runner(new OptionsBuilder()
                .include(FullCollectionBenchmark.class.getSimpleName())
                .param("objects", Integer.toString(objects)).build()).runSingle();
        double modelMillis = result.getPrimaryResult().getScore();
        System.out.printf(Locale.ROOT, "full collection of %d objects with 2 edges each:%n"
                + "  CPython %s gc.collect(): %.1f ms (median of 7)%n  shadowheap model collect(2): %.1f ms (JMH mean)%n"
                + "  model is %.2fx CPython's throughput%n", objects, answer[0], cpythonMillis, modelMillis,
                cpythonMillis / modelMillis);
    }
}
