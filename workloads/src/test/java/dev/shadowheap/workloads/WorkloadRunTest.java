package dev.shadowheap.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each driver, at its smoke size, in a forked JVM (they load thousands of library classes, which must not leak into
 * the test JVM): exits 0 and prints the same output twice — the property the overhead harness relies on to compare
 * runs with and without the agent — and prints it again on JDK 25.
 */
class WorkloadRunTest {

    static List<Workloads.Workload> workloads() {
        return Workloads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void runsAndRepeatsItsOutputExactlyOnJdk17And25(Workloads.Workload workload) throws Exception {
        ForkedJava.Result first = ForkedJava.runSmoke(ForkedJava.currentJava(), workload);
        assertEquals(0, first.exitCode(), () -> workload.name() + " failed:\n" + first.stderr());
        assertTrue(first.stdout().startsWith(workload.name() + " "),
                () -> workload.name() + " printed no result lines:\n" + first.stdout() + first.stderr());
        ForkedJava.Result second = ForkedJava.runSmoke(ForkedJava.currentJava(), workload);
        assertEquals(0, second.exitCode(), () -> workload.name() + " failed on the second run:\n" + second.stderr());
        assertEquals(first.stdout(), second.stdout(), workload.name() + " output differs between runs");

        Path java25 = Path.of(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        assumeTrue(Files.isExecutable(java25), "no JDK 25 at " + java25);
        ForkedJava.Result on25 = ForkedJava.runSmoke(java25, workload);
        assertEquals(0, on25.exitCode(), () -> workload.name() + " failed on JDK 25:\n" + on25.stderr());
        assertEquals(first.stdout(), on25.stdout(), workload.name() + " output differs on JDK 25");
    }
}
