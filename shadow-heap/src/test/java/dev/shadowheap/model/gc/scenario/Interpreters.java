package dev.shadowheap.model.gc.scenario;

import dev.shadowheap.model.CPythonProfile;
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
 * The real CPython interpreters on this machine: {@code python3}, {@code python3.8}, {@code python3.12},
 * {@code python3.13} (and {@code python3.14}) on the PATH, or else under {@code ~/.pyenv/versions}
 * (pyenv's shims fail for versions that are not selected). One per version; absent ones are skipped.
 */
public final class Interpreters {

    /** A runnable interpreter, its version and the model profile that matches it. */
    public record Interpreter(Path executable, String version, CPythonProfile profile) {
        @Override
        public String toString() {
            return "CPython " + version + " (" + executable + ")";
        }
    }

    private static final List<String> NAMES = List.of("python3", "python3.8", "python3.12", "python3.13", "python3.14");
    private static List<Interpreter> found;

    public static synchronized List<Interpreter> available() {
        if (found == null) {
            found = discover();
            System.out.println("[gc differential] interpreters: " + (found.isEmpty() ? "none" : found));
        }
        return found;
    }

    private static List<Interpreter> discover() {
        Map<String, Interpreter> byVersion = new LinkedHashMap<>();
        for (String name : NAMES) {
            for (Path candidate : candidates(name)) {
                String version = version(candidate);
                if (version == null) {
                    continue;
                }
                CPythonProfile profile = profileFor(version);
                if (profile == null) {
                    System.out.println("[gc differential] skipping " + candidate + ": no profile for " + version);
                } else {
                    byVersion.putIfAbsent(version.replaceFirst("^(\\d+\\.\\d+).*", "$1"),
                            new Interpreter(candidate, version, profile));
                }
                break;
            }
        }
        return List.copyOf(byVersion.values());
    }

    private static List<Path> candidates(String name) {
        List<Path> paths = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                paths.add(p);
            }
        }
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> versions = Files.list(pyenv)) {
                versions.sorted().map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable).forEach(paths::add);
            } catch (IOException e) {
                // no pyenv versions to offer
            }
        }
        return paths;
    }

    private static String version(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "-c",
                    "import sys; print('%d.%d.%d' % sys.version_info[:3])").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("\\d+\\.\\d+\\.\\d+")) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static CPythonProfile profileFor(String version) {
        String minor = version.replaceFirst("^(\\d+\\.\\d+).*", "$1");
        return switch (minor) {
            case "3.8", "3.11", "3.12", "3.13" -> CPythonProfile.byName(minor);
            case "3.14" -> CPythonProfile.byName(version);
            default -> null;
        };
    }

    private Interpreters() {
    }
}
