package dev.shadowheap.workloads;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The registry of real-application workloads, for harnesses that run them without Maven. Each workload has its own
 * class path, written by the build to {@code target/classpath-NAME.txt} (entries relative to {@code target/}); the
 * drivers themselves are in {@code target/workloads.jar}.
 *
 * <pre>
 * java -cp workloads/target/workloads.jar dev.shadowheap.workloads.Workloads workloads/target
 * </pre>
 * prints one tab-separated line per workload: name, main class, class path, full size, smoke size.
 */
public final class Workloads {

    /** The jar the build writes the drivers (and this class) to, in the module's target directory. */
    public static final String DRIVER_JAR = "workloads.jar";

    /**
     * One workload.
     *
     * @param name short name, also the suffix of its class-path file
     * @param mainClass the driver's main class
     * @param fullSize size argument for a measured run (5–30 s uninstrumented on a 2-core machine)
     * @param smokeSize size argument for a quick functional run (as short as the library's start-up allows)
     */
    public record Workload(String name, String mainClass, int fullSize, int smokeSize) {

        /** Arguments for a measured run. */
        public List<String> fullArgs() {
            return List.of(Integer.toString(fullSize));
        }

        /** Arguments for a quick functional run. */
        public List<String> smokeArgs() {
            return List.of(Integer.toString(smokeSize));
        }

        /** The file, inside the target directory, that lists this workload's libraries. */
        public String classPathFile() {
            return "classpath-" + name + ".txt";
        }

        /** The class path for a run from the built module: {@code targetDir/workloads.jar} then the libraries. */
        public List<Path> classPath(Path targetDir) {
            return classPath(targetDir, targetDir.resolve(DRIVER_JAR));
        }

        /**
         * The class path with the drivers taken from {@code driverCode} (a jar or a classes directory, e.g.
         * {@code target/classes} before the jar exists), then the libraries listed in this workload's file.
         *
         * @throws IllegalStateException if the class-path file or a library it lists is missing (module not built)
         */
        public List<Path> classPath(Path targetDir, Path driverCode) {
            Path listing = targetDir.resolve(classPathFile());
            String entries;
            try {
                entries = Files.readString(listing).trim();
            } catch (IOException e) {
                throw new IllegalStateException(name + ": cannot read " + listing
                        + " (build the workloads module first: mvn -pl workloads package)", e);
            }
            List<Path> path = new ArrayList<>();
            path.add(driverCode);
            for (String entry : entries.split(File.pathSeparator)) {
                Path library = targetDir.resolve(entry);
                if (!Files.isRegularFile(library)) {
                    throw new IllegalStateException(name + ": " + listing + " lists " + entry
                            + ", which is not a file at " + library);
                }
                path.add(library);
            }
            return path;
        }

        /** {@link #classPath(Path)} joined with the platform's path separator, ready for {@code -cp}. */
        public String classPathString(Path targetDir) {
            return join(classPath(targetDir));
        }
    }

    // Main classes by name, not by class literal: loading a driver class could pull in its library, and a harness
    // may read this registry with only workloads.jar on its class path. (The NAME constants are inlined.)
    private static final String PACKAGE = "dev.shadowheap.workloads.";
    private static final List<Workload> ALL = List.of(
            new Workload(H2Workload.NAME, PACKAGE + "H2Workload", 10, 1),
            new Workload(LuceneWorkload.NAME, PACKAGE + "LuceneWorkload", 15, 1),
            new Workload(XalanWorkload.NAME, PACKAGE + "XalanWorkload", 20, 1),
            new Workload(PmdWorkload.NAME, PACKAGE + "PmdWorkload", 12, 1),
            new Workload(JythonWorkload.NAME, PACKAGE + "JythonWorkload", 400, 5));

    private Workloads() {
    }

    /** Every workload, in a fixed order. */
    public static List<Workload> all() {
        return ALL;
    }

    /**
     * The workload called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known workloads if there is none by that name
     */
    public static Workload named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(w -> w.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload named '" + name + "'; known: "
                        + ALL.stream().map(Workload::name).collect(Collectors.joining(", "))));
    }

    /** Joins class-path entries with the platform's separator. */
    public static String join(List<Path> classPath) {
        return classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Prints the registry for shell scripts; the argument is the module's target directory. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Workloads <workloads target directory>");
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        for (Workload w : ALL) {
            System.out.println(String.join("\t", w.name(), w.mainClass(), w.classPathString(target),
                    Integer.toString(w.fullSize()), Integer.toString(w.smokeSize())));
        }
    }
}
