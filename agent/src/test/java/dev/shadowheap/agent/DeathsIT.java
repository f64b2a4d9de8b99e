package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deaths are released while the program runs, after the collections it causes, not only at the exit. The report says
 * how many were released before the program ended. A program that makes a million short-lived objects in a small
 * young generation (a collection every few tens of thousands of them) and then pauses has by then had most of them
 * released: all that the collections found dead, whatever the death thread's lag while it allocated. An agent whose
 * death thread stopped hearing of collections would release almost all of them at the exit.
 *
 * <p>A program that allocates at full speed outruns the death thread, and is held back while the thread catches up;
 * without that, most of its deaths waited for the exit and the agent's memory grew with every allocation, until a
 * small heap ran out.
 */
class DeathsIT {

    private static final Pattern DEATHS = Pattern.compile(
            "deaths released: ([\\d,]+) while the program ran, ([\\d,]+) at the exit");

    static List<Path> jdks() {
        return ForkedJvm.jdks();
    }

    /**
     * Both cases run the parallel collector, whose young collections clear the weak reference of every object that died
     * young. G1's (the default) were measured to clear only about a quarter of them in such a program, agent or not
     * (a plain loop of weakly referenced short-lived objects: 4.7 M of 19 M cleared, against 14.3 M under the parallel
     * collector); the rest wait for its concurrent cycles, whose timing, not the agent's, the figures would then follow.
     */
    private static final String COLLECTOR = "-XX:+UseParallelGC";

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void deathsAreReleasedWhileTheProgramRuns(Path java) throws Exception {
        ForkedJvm.Outcome traced = ForkedJvm.run(java,
                List.of(COLLECTOR, "-Xmn16m", "-javaagent:" + ForkedJvm.agentJar() + "=audit=0"),
                "programs.ChurnThenPause");

        assertReleasedMostlyWhileRunning(traced, 1_000_000); // measured: 3.5-3.8 times as many
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aProgramThatOutrunsTheDeathThreadIsHeldBack(Path java) throws Exception {
        ForkedJvm.Outcome traced = ForkedJvm.run(java,
                List.of(COLLECTOR, "-Xmn16m", "-javaagent:" + ForkedJvm.agentJar() + "=audit=0"),
                "programs.AllocationChurn", "1500000");

        assertTrue(traced.stderr().contains("allocations held back for the death thread"), traced.stderr());
        // Measured (3 runs on each JDK): 7.3-11.4 times as many while it ran as at the exit. Without the hold-back,
        // 0.36-1.6 times; and with the default young generation, one run of two ended in an OutOfMemoryError.
        long[] deaths = assertReleasedMostlyWhileRunning(traced, 1_500_000);
        assertTrue(deaths[0] >= 4 * deaths[1], "released while it ran, at the exit: " + deaths[0] + ", " + deaths[1]);
    }

    /**
     * In a small G1 heap, where the agent's memory for deaths not yet reported is most of the heap, the program and
     * the report both complete. The agent's per-object tables grow in chunks: one grown by doubling (pymalloc's block
     * handles, 32 MB at 2 M ids) needed contiguous room G1 could not find, and about half the runs ended in an
     * {@code OutOfMemoryError} (program thrashing at a tenth of its speed, exit report lost). Two runs on each JDK.
     *
     * <p>What is asserted is that the report is not lost. An allocation inside a hook may still fail now and then (on
     * JDK 25, once in a CI run: caught, counted as a hook error, and the report says so); the agent's other tables
     * that grow by copying are the likely cause (see docs/agent.md, Known gaps).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSmallG1HeapHoldsTheProgramAndTheAgent(Path java) throws Exception {
        for (int run = 0; run < 2; run++) {
            ForkedJvm.Outcome traced = ForkedJvm.run(java,
                    List.of("-XX:+UseG1GC", "-Xmx256m", "-Xmn16m", "-javaagent:" + ForkedJvm.agentJar() + "=audit=0"),
                    "programs.AllocationChurn", "1500000");
            assertTrue(!traced.stderr().contains("exit report failed"), traced.stderr());
            assertTrue(traced.stderr().contains("tracked: "), traced.stderr());
            assertReleasedSomewhen(traced, 1_500_000);
        }
    }

    /**
     * Under G1 with its own survivor ratio, the report advises a larger survivor space exactly when a quarter or more
     * of the deaths came at the exit; never when the command line set the ratio. (Whether they come late varies from
     * run to run: 15-49 % of them in this program under G1's default, 5-27 % with {@code -XX:SurvivorRatio=2}.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void lateDeathsUnderG1BringAdviceOnItsSurvivorSpace(Path java) throws Exception {
        for (String ratio : List.of("-XX:+UseG1GC", "-XX:SurvivorRatio=2")) {
            ForkedJvm.Outcome traced = ForkedJvm.run(java,
                    List.of("-Xmx1g", "-XX:+UseG1GC", ratio, "-javaagent:" + ForkedJvm.agentJar() + "=audit=0"),
                    "programs.AllocationChurn", "1500000");
            long[] deaths = assertReleasedSomewhen(traced, 1_500_000);
            boolean late = deaths[0] > 0 && deaths[1] >= SurvivorAdvice.LATE_SHARE * (deaths[0] + deaths[1]);
            boolean advised = traced.stderr().contains(SurvivorAdvice.ADVICE);
            assertEquals(late && ratio.equals("-XX:+UseG1GC"), advised, ratio + ": " + traced.stderr());
        }
    }

    private static long[] assertReleasedMostlyWhileRunning(ForkedJvm.Outcome traced, long atLeast) {
        long[] deaths = assertReleasedSomewhen(traced, atLeast);
        assertTrue(deaths[0] > deaths[1], "released while it ran, at the exit: " + deaths[0] + ", " + deaths[1]);
        return deaths;
    }

    /** Returns the deaths released while the program ran and at the exit. */
    private static long[] assertReleasedSomewhen(ForkedJvm.Outcome traced, long atLeast) {
        assertEquals(0, traced.exitCode(), traced.stderr());
        Matcher deaths = DEATHS.matcher(traced.stderr());
        assertTrue(deaths.find(), traced.stderr());
        long whileRunning = Long.parseLong(deaths.group(1).replace(",", ""));
        long atExit = Long.parseLong(deaths.group(2).replace(",", ""));
        assertTrue(whileRunning + atExit >= atLeast, "every link dies: " + deaths.group());
        return new long[] {whileRunning, atExit};
    }
}
