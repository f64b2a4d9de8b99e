package dev.shadowheap.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDKs the product must work on: the one running the tests (17) and JDK 25 where it is installed. */
public final class Jdks {

    /** Where this machine kind keeps Temurin 25; {@code -Djdk25.home=...} overrides. */
    static final Path JDK25 = Path.of(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private Jdks() {
    }

    public static Path current() {
        return Path.of(System.getProperty("java.home"));
    }

    public static List<Path> all() {
        List<Path> jdks = new ArrayList<>();
        jdks.add(current());
        if (Files.isExecutable(JDK25.resolve("bin/java")) && !JDK25.equals(current())) {
            jdks.add(JDK25);
        } else {
            System.out.println("[shadowheap-it] JDK 25 not found at " + JDK25 + ": its runs are skipped");
        }
        return jdks;
    }

    public static String label(Path jdk) {
        return jdk.equals(JDK25) ? "jdk25" : "jdk" + Runtime.version().feature();
    }
}
