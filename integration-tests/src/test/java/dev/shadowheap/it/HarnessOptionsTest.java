package dev.shadowheap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shadowheap.workloads.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's command line: what each option selects, and a message naming whatever is wrong. */
class HarnessOptionsTest {

    private static final Path WORKLOADS = Path.of(System.getProperty("workloads.target", "../workloads/target"));

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(args)).getMessage();
    }

    @Test
    void registryWorkloadsGetTheirOwnClassPathAndTheChosenSize() {
        assumeTrue(Files.isRegularFile(WORKLOADS.resolve("classpath-h2.txt")), "workloads module not built");
        HarnessOptions smoke = HarnessOptions.parse("--agent", "a.jar", "--workloads", "h2,Jython", "--size", "smoke",
                "--workloads-dir", WORKLOADS.toString());
        assertEquals(List.of("h2", "jython"), smoke.programs().stream().map(OverheadHarness.Workload::name).toList());
        assertEquals(List.of(Workloads.named("h2").mainClass(), "1"), smoke.programs().get(0).mainAndArgs());
        assertEquals(List.of(Workloads.named("jython").mainClass(), "5"), smoke.programs().get(1).mainAndArgs());
        assertEquals(Workloads.named("h2").classPathString(WORKLOADS.toAbsolutePath()),
                smoke.programs().get(0).classPath());
        assertEquals(5, smoke.runs(), "five runs each side by default");

        HarnessOptions all = HarnessOptions.parse("--agent", "a.jar", "--workloads", "all", "--workloads-dir",
                WORKLOADS.toString());
        assertEquals(Workloads.all().size(), all.programs().size());
        assertEquals(List.of(Workloads.named("h2").mainClass(), "10"), all.programs().get(0).mainAndArgs(),
                "full size by default");
        HarnessOptions sized = HarnessOptions.parse("--agent", "a.jar", "--workloads", "xalan", "--size", "3",
                "--workloads-dir", WORKLOADS.toString());
        assertEquals("3", sized.programs().get(0).mainAndArgs().get(1));
    }

    @Test
    void agentOptionsFromTheJarArgumentAndTheOptionAreJoined() {
        HarnessOptions options = HarnessOptions.parse("--agent", "x/agent.jar=audit=0", "--agent-options",
                "profile=3.13", "--cp", "app.jar", "com.example.Main arg1", "--runs", "2", "--jvm-arg", "-Xmx1g");
        assertEquals("x/agent.jar=audit=0,profile=3.13", options.javaagentValue());
        assertEquals(List.of("com.example.Main", "arg1"), options.programs().get(0).mainAndArgs());
        assertEquals("Main", options.programs().get(0).name());
        assertEquals(List.of("-Xmx1g"), options.jvmArgs());
        assertEquals(2, options.runs());
        assertTrue(options.out().startsWith("benchmark-results"), options.out().toString());
        assertEquals("x/agent.jar", HarnessOptions.parse("--agent", "x/agent.jar", "--cp", "a", "M").javaagentValue());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("--agent <jar> is required", message("--workloads", "h2"));
        assertEquals("--runs must be a positive integer: '0'", message("--agent", "a.jar", "--runs", "0"));
        assertEquals("--runs needs a value", message("--agent", "a.jar", "--runs"));
        assertEquals("unknown option --bogus", message("--agent", "a.jar", "--bogus"));
        assertEquals("nothing to run: give --workloads or --cp with main classes", message("--agent", "a.jar"));
        assertEquals("main classes [Main] given without --cp", message("--agent", "a.jar", "Main"));
        assertEquals("--cp given but no main class to run on it", message("--agent", "a.jar", "--cp", "a.jar"));
        assertEquals("--size applies to --workloads only", message("--agent", "a.jar", "--size", "smoke", "--cp",
                "a", "M"));
        assertTrue(message("--agent", "a.jar", "--workloads", "tomcat").startsWith("no workload named 'tomcat'"));
        assertTrue(message("--agent", "a.jar", "--jdk", "/nonexistent", "--cp", "a", "M")
                .startsWith("--jdk /nonexistent: no bin/java"));
        assumeTrue(Files.isRegularFile(WORKLOADS.resolve("classpath-h2.txt")), "workloads module not built");
        assertEquals("--size must be full, smoke or a positive integer: 'huge'", message("--agent", "a.jar",
                "--workloads", "h2", "--size", "huge", "--workloads-dir", WORKLOADS.toString()));
    }
}
