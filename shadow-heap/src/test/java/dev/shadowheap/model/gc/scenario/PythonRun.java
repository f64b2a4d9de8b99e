package dev.shadowheap.model.gc.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The output of one generated program on one interpreter, split into compared lines and noise. */
public record PythonRun(String version, List<String> lines, List<Integer> gcNoise, List<Integer> countNoise) {

    public static PythonRun run(Interpreters.Interpreter interpreter, String program) throws IOException, InterruptedException {
        Path file = Files.createTempFile("gc-scenario-", ".py");
        try {
            Files.writeString(file, program, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(interpreter.executable().toString(), "-X", "faulthandler", file.toString())
                    .redirectErrorStream(false).start();
            byte[] err;
            byte[] out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(interpreter + " failed on " + file + ":\n" + new String(err, StandardCharsets.UTF_8));
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static PythonRun parse(String output) {
        String version = "?";
        List<String> lines = new ArrayList<>();
        List<Integer> gcNoise = new ArrayList<>();
        List<Integer> countNoise = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("version ")) {
                version = line.substring(8).trim();
            } else if (line.startsWith("noise gc ")) {
                gcNoise.add(Integer.parseInt(line.split(" ")[3]));
            } else if (line.startsWith("noise count ")) {
                countNoise.add(Integer.parseInt(line.split(" ")[3]));
            } else if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return new PythonRun(version, lines, gcNoise, countNoise);
    }
}
