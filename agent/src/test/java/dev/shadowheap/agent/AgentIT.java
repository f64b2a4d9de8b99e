package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.shadowheap.report.JsonReportReader;
import dev.shadowheap.report.RunReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real agent jar on real JVMs (17, and 25 when installed): each program must print and exit exactly
 * as without the agent, its leaked objects (freed by the JVM's collector, kept by reference counts)
 * must be exactly the ones its cycles imply, the exit edge audit must find no mismatch, and no hook may
 * fail.
 */
class AgentIT {

    /** Program, then expected leaked objects by class; every other class must have none. */
    private static final Map<String, Map<String, Integer>> EXPECTED = Map.of(
            "programs.DoublyLinkedCycle", Map.of("programs.DoublyLinkedCycle$Node", 100),
            "programs.LinkedListDrop", Map.of("java.util.LinkedList$Node", 30, "programs.LinkedListDrop$Item", 30),
            "programs.ArrayListGrowth", Map.of("java.util.ArrayList", 1, "java.lang.Object[]", 1,
                    "programs.ArrayListGrowth$Holder", 1, "programs.ArrayListGrowth$Box", 999),
            "programs.ConcurrentMapCycle", Map.of("java.util.concurrent.ConcurrentHashMap", 1,
                    "java.util.concurrent.ConcurrentHashMap$Node[]", 1, "java.util.concurrent.ConcurrentHashMap$Node", 200,
                    "programs.ConcurrentMapCycle$Key", 200, "programs.ConcurrentMapCycle$Value", 200),
            "programs.AtomicReferenceCas", Map.of("java.util.concurrent.atomic.AtomicReference", 10,
                    "programs.AtomicReferenceCas$Owner", 10, "programs.AtomicReferenceCas$Cell", 10),
            "programs.ClonedCycles", Map.of("programs.ClonedCycles$Node", 100),
            "programs.CleanProgram", Map.of());

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Path jdk : ForkedJvm.jdks()) {
            for (String program : new TreeMap<>(EXPECTED).keySet()) {
                runs.add(Arguments.of(jdk, program));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("runs")
    void leaksExactlyTheCyclesAndLeavesTheProgramUnchanged(Path java, String program, @TempDir Path dir) throws Exception {
        ForkedJvm.Outcome plain = ForkedJvm.run(java, List.of(), program);
        Path json = dir.resolve("report.json");
        ForkedJvm.Outcome traced = ForkedJvm.run(java,
                List.of("-javaagent:" + ForkedJvm.agentJar() + "=out=" + json + ",format=both,auditInterval=50"), program);

        assertEquals(plain.exitCode(), traced.exitCode(), "exit code");
        assertEquals(plain.stdout(), traced.stdout(), "standard output");
        assertTrue(traced.stderr().contains("=== shadowheap report"), traced.stderr());
        RunReport report = new JsonReportReader().read(Files.readString(json));
        long expected = EXPECTED.get(program).values().stream().mapToLong(Integer::longValue).sum();
        assertEquals(expected, report.leaks().objects(), traced.stderr());
        assertEquals(0, report.leaks().unattributedObjects(), "every leak is explained by a cycle\n" + traced.stderr());
        assertEquals(0, report.audit().mismatches(), traced.stderr());
        assertTrue(report.audit().sampledObjects() > 0, "the audit checked objects");
        assertEquals(0L, report.tracking().blindSpots().get("hookErrors"), traced.stderr());
    }
}
