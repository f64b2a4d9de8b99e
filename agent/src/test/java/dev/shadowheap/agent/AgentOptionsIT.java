package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad option stops the JVM at start-up with one line on stderr that names it. */
class AgentOptionsIT {

    @Test
    void unknownOptionStopsStartUpWithOneLine() throws Exception {
        for (Path java : ForkedJvm.jdks()) {
            ForkedJvm.Outcome outcome = ForkedJvm.run(java,
                    List.of("-javaagent:" + ForkedJvm.agentJar() + "=format=text,colour=red"), "programs.CleanProgram");
            assertEquals(2, outcome.exitCode(), outcome.stderr());
            assertEquals("", outcome.stdout(), "the program never ran");
            List<String> lines = outcome.stderr().lines().toList();
            assertEquals(1, lines.size(), outcome.stderr());
            assertTrue(lines.get(0).startsWith("shadowheap: unknown option 'colour' (accepted: out=<file>, format="),
                    lines.get(0));
        }
    }

    @Test
    void badValueNamesTheOptionAndTheAcceptedValues() throws Exception {
        Path java = ForkedJvm.jdks().get(0);
        ForkedJvm.Outcome outcome = ForkedJvm.run(java,
                List.of("-javaagent:" + ForkedJvm.agentJar() + "=format=xml"), "programs.CleanProgram");
        assertEquals(2, outcome.exitCode());
        assertEquals("shadowheap: bad value for format: 'xml' (accepted: text, json, both)\n", outcome.stderr());
    }
}
