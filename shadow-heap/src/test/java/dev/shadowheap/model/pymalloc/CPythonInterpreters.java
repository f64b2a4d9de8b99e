package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real CPython interpreters on this machine that match a profile: {@code python3},
 * {@code python3.8}, {@code python3.12}, {@code python3.13} on the PATH, falling back to pyenv's
 * version directories when a pyenv shim refuses a version that is installed but not selected.
 */
final class CPythonInterpreters {

    /** One interpreter: the command and the profile of its version. */
    record Interpreter(String command, String version, CPythonProfile profile) {
        @Override
        public String toString() {
            return version + " (" + command + ")";
        }
    }

    private static final String[] COMMANDS = {"python3", "python3.8", "python3.12", "python3.13"};
    private static List<Interpreter> found;

    private CPythonInterpreters() {
    }

    static synchronized List<Interpreter> available() {
        if (found == null) {
            Map<String, Interpreter> byVersion = new LinkedHashMap<>();
            for (String command : COMMANDS) {
                for (String candidate : candidates(command)) {
                    Interpreter interpreter = probe(candidate);
                    if (interpreter != null) {
                        byVersion.putIfAbsent(interpreter.profile().version(), interpreter);
                        break;
                    }
                }
            }
            found = List.copyOf(byVersion.values());
        }
        return found;
    }

    private static List<String> candidates(String command) {
        List<String> candidates = new ArrayList<>();
        candidates.add(command);
        String minor = command.startsWith("python3.") ? command.substring("python".length()) : null;
        String root = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
        Path versions = Path.of(root, "versions");
        if (minor != null && Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.filter(d -> d.getFileName().toString().startsWith(minor + "."))
                        .map(d -> d.resolve("bin").resolve(command))
                        .filter(Files::isExecutable)
                        .sorted()
                        .forEach(p -> candidates.add(p.toString()));
            } catch (IOException e) {
                // no pyenv versions to offer
            }
        }
        return candidates;
    }

    private static Interpreter probe(String command) {
        try {
            Process process = new ProcessBuilder(command, "-c",
                    "import sys; print('%d.%d %s' % (sys.version_info[0], sys.version_info[1], sys.version.split()[0]))")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            String[] parts = out.split(" ");
            CPythonProfile profile;
            try {
                profile = CPythonProfile.byName(parts[0]);
            } catch (IllegalArgumentException unknownVersion) {
                return null;
            }
            return new Interpreter(command, parts[1], profile);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The trace runner script from the test resources, as a file. */
    static Path traceRunner() {
        try {
            return Path.of(CPythonInterpreters.class.getResource("/pymalloc/trace_runner.py").toURI());
        } catch (Exception e) {
            throw new IllegalStateException("trace_runner.py is not on the test class path", e);
        }
    }

    /** What one run of a trace in CPython printed. */
    record Run(Map<String, MallocStatsText> snapshots, String info) {
    }

    /** Runs the trace in the interpreter; the parsed snapshots by label ("baseline" first). */
    static Run run(Interpreter interpreter, AllocationTrace trace, Path workDir) throws IOException, InterruptedException {
        Path traceFile = workDir.resolve(trace.name() + ".trace");
        trace.writeTo(traceFile);
        File stderr = workDir.resolve(trace.name() + ".stderr").toFile();
        Process process = new ProcessBuilder(interpreter.command(), traceRunner().toString(), traceFile.toString())
                .redirectError(stderr)
                .start();
        String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(interpreter + " did not finish " + trace.name());
        }
        String err = Files.readString(stderr.toPath(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || !err.contains("@@END@@")) {
            throw new IllegalStateException(interpreter + " failed on " + trace.name() + " (exit " + process.exitValue()
                    + "):\n" + info + "\n" + err.substring(Math.max(0, err.length() - 2000)));
        }
        Map<String, MallocStatsText> snapshots = new LinkedHashMap<>();
        String[] sections = err.split("\n@@SNAPSHOT ");
        for (int i = 1; i < sections.length; i++) {
            String section = sections[i];
            int close = section.indexOf("@@\n");
            String label = section.substring(0, close);
            String body = section.substring(close + 3);
            int end = body.indexOf("\n@@END@@");
            snapshots.put(label, MallocStatsText.parse(end >= 0 ? body.substring(0, end) : body));
        }
        return new Run(snapshots, info);
    }
}
