package dev.shadowheap.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shadowheap.samples.expect.Expectation;
import dev.shadowheap.samples.oracle.GroundTruthMain;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apps as the product runs them: each {@code main} in a fresh JVM. Output must be the same on two
 * runs and on JDK 17 and JDK 25 (apart from the "jdk" field), end with the expectation line, and come
 * quickly; and on JDK 25 every stated expectation must again match what the JVM collects.
 */
class ForkedRunsTest {
    /** Generous against a busy 2-core machine; the apps themselves take about 0.1 s. */
    private static final long MAX_MILLIS = 4_000;

    static Stream<String> mainClasses() {
        return SampleApps.all().stream().map(app -> app.get().getClass().getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mainClasses")
    void outputIsDeterministicAndEndsWithTheExpectation(String mainClass) throws Exception {
        String classPath = ForkedJvm.classPathOf(SampleApp.class);
        ForkedJvm.Run first = ForkedJvm.run(ForkedJvm.currentJava(), classPath, List.of(), mainClass);
        ForkedJvm.Run second = ForkedJvm.run(ForkedJvm.currentJava(), classPath, List.of(), mainClass);

        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("", first.stderr());
        assertEquals(first.stdout(), second.stdout(), "two runs of " + mainClass);
        String[] lines = first.stdout().split("\n");
        assertTrue(lines[lines.length - 1].startsWith(Expectation.LINE_PREFIX + "{"), lines[lines.length - 1]);
        assertTrue(first.millis() < MAX_MILLIS && second.millis() < MAX_MILLIS,
                mainClass + " took " + first.millis() + " and " + second.millis() + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mainClasses")
    void jdk25PrintsTheSameAsJdk17(String mainClass) throws Exception {
        Path jdk25 = ForkedJvm.jdk25Java();
        assumeTrue(jdk25 != null, "JDK 25 not installed");
        String classPath = ForkedJvm.classPathOf(SampleApp.class);
        ForkedJvm.Run current = ForkedJvm.run(ForkedJvm.currentJava(), classPath, List.of(), mainClass);
        ForkedJvm.Run newer = ForkedJvm.run(jdk25, classPath, List.of(), mainClass);

        assertEquals(0, newer.exitCode(), newer.stderr());
        assertEquals(withoutJdk(current.stdout()), withoutJdk(newer.stdout()));
    }

    @Test
    void everyExpectationMatchesTheJvmOnJdk25Too() throws Exception {
        Path jdk25 = ForkedJvm.jdk25Java();
        assumeTrue(jdk25 != null, "JDK 25 not installed");
        List<String> opens = List.of(System.getProperty("oracle.opens", "").trim().split("\\s+"));
        ForkedJvm.Run run = ForkedJvm.run(jdk25, ForkedJvm.classPathOf(SampleApp.class, GroundTruthMain.class),
                opens, GroundTruthMain.class.getName());

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertEquals(SampleApps.all().size(), run.stdout().lines().filter(line -> line.startsWith("OK ")).count());
    }

    private static String withoutJdk(String output) {
        return output.replaceAll("\"jdk\":\\d+", "\"jdk\":_");
    }
}
