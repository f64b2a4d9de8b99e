package dev.shadowheap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.report.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overhead harness against real JVMs and the real agent jar: it measures both sides, alternates which goes
 * first, writes every run into valid JSON, and flags an agent run whose output or exit code differs.
 */
class OverheadHarnessIT {

    private static final String TEST_CLASSES = Path.of(AgentSensitiveProgram.class.getProtectionDomain()
            .getCodeSource().getLocation().getPath()).toString();

    private static HarnessOptions options(int runs, String mode) {
        return HarnessOptions.parse("--agent", SampleAppsIT.AGENT.toString(), "--agent-options", "audit=0",
                "--runs", Integer.toString(runs), "--cp", TEST_CLASSES,
                AgentSensitiveProgram.class.getName() + " " + mode);
    }

    @Test
    @SuppressWarnings("unchecked")
    void measuresBothSidesAlternatingAndWritesEveryRun() {
        HarnessOptions options = options(2, "same");
        OverheadHarness.Figures figures = OverheadHarness.measure(options, options.programs().get(0));

        assertEquals(2, figures.pairs().size());
        assertEquals(List.of(false, true), figures.pairs().stream().map(OverheadHarness.Pair::agentFirst).toList());
        assertTrue(figures.problems().isEmpty(), () -> figures.pairs().toString());
        // Starting the agent alone costs far more than this program's whole run: the agent side must be slower.
        assertTrue(figures.agentSeconds() > figures.plainSeconds(), figures.toString());
        assertTrue(figures.plainRssKb() > 0 && figures.agentRssKb() > figures.plainRssKb(), figures.toString());

        Map<String, Object> json = (Map<String, Object>) Json.parse(OverheadReport.json(options, List.of(figures)));
        assertEquals(OverheadReport.SCHEMA, json.get("schema"));
        assertEquals(SampleAppsIT.AGENT + "=audit=0", json.get("javaagent"));
        Map<String, Object> workload = (Map<String, Object>) ((List<Object>) json.get("workloads")).get(0);
        assertEquals("AgentSensitiveProgram", workload.get("name"));
        assertEquals(true, workload.get("verified"));
        List<Object> runs = (List<Object>) workload.get("runs");
        assertEquals(2, runs.size());
        Map<String, Object> agentRun = (Map<String, Object>) ((Map<String, Object>) runs.get(1)).get("agent");
        assertEquals(0L, agentRun.get("exitCode"));
        assertEquals(figures.pairs().get(1).agent().peakRssKb(), agentRun.get("peakRssKb"));
        assertNull(((Map<String, Object>) runs.get(0)).get("problem"));
    }

    @Test
    void flagsAnAgentRunWithDifferentOutput() {
        HarnessOptions options = options(1, "output");
        OverheadHarness.Pair pair = OverheadHarness.measure(options, options.programs().get(0)).pairs().get(0);
        assertEquals("stdout differs under the agent: line 2: plain 'without agent', agent 'with agent'",
                pair.problem());
    }

    @Test
    void flagsAnAgentRunWithDifferentExitCode() {
        HarnessOptions options = options(1, "exit");
        OverheadHarness.Pair pair = OverheadHarness.measure(options, options.programs().get(0)).pairs().get(0);
        assertEquals(3, pair.agent().exitCode());
        assertTrue(pair.problem().startsWith("agent run exited 3 (plain 0)"), pair.problem());
    }
}
