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
 */
class DeathsIT {

    private static final Pattern DEATHS = Pattern.compile(
            "deaths released: ([\\d,]+) while the program ran, ([\\d,]+) at the exit");

    static List<Path> jdks() {
        return ForkedJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void deathsAreReleasedWhileTheProgramRuns(Path java) throws Exception {
        ForkedJvm.Outcome traced = ForkedJvm.run(java,
                List.of("-Xmn16m", "-javaagent:" + ForkedJvm.agentJar() + "=audit=0"),
                "programs.ChurnThenPause");

        assertEquals(0, traced.exitCode(), traced.stderr());
        Matcher deaths = DEATHS.matcher(traced.stderr());
        assertTrue(deaths.find(), traced.stderr());
        long whileRunning = Long.parseLong(deaths.group(1).replace(",", ""));
        long atExit = Long.parseLong(deaths.group(2).replace(",", ""));
        assertTrue(whileRunning + atExit >= 1_000_000, "every link dies: " + deaths.group());
        assertTrue(whileRunning > atExit, deaths.group()); // measured: 2.2-3.5 times as many
    }
}
