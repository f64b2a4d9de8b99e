package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent asks the real JIT (17, and 25 when installed) not to inline the hooks or its own rare paths and to leave
 * its one-off code to C1, and the JVM's own directive listing shows it; a command line with directives of its own is left alone.
 */
class HookInliningIT {

    private static final String HOOKS_NOT_INLINED = "inline: " + HookInlining.NEVER_INLINED;

    static Stream<Path> jdks() {
        return ForkedJvm.jdks().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theJitIsToldNotToInlineHooks(Path java) throws Exception {
        ForkedJvm.Outcome plain = ForkedJvm.run(java, List.of(), "programs.CompilerDirectives");
        ForkedJvm.Outcome traced = ForkedJvm.run(java, List.of("-javaagent:" + ForkedJvm.agentJar()),
                "programs.CompilerDirectives");

        assertEquals(0, traced.exitCode(), traced.stderr());
        assertFalse(plain.stdout().contains(HOOKS_NOT_INLINED), plain.stdout());
        assertTrue(traced.stdout().contains(HOOKS_NOT_INLINED), traced.stdout() + traced.stderr());
        assertTrue(traced.stdout().contains("matching: dev/shadowheap/run/*.*"), "one-off agent code kept out of C2\n" + traced.stdout());
        assertTrue(traced.stdout().contains("dev/shadowheap/agent/shaded/*.*"), "the shaded rewriting libraries too\n" + traced.stdout());
        assertFalse(traced.stdout().contains("matching: dev/shadowheap/heap"), "the shadow heap is left to C2\n" + traced.stdout());
        assertTrue(traced.stdout().contains("-dev/shadowheap/heap/ShadowHeap.release"), "the free cascade is not inlined\n" + traced.stdout());
        assertFalse(traced.stdout().contains("dev/shadowheap/samples"), "application code is left to C2");
        assertFalse(traced.stderr().contains("hooks left inlinable"), traced.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void directivesFromTheCommandLineAreNotShadowed(Path java, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("own.json");
        Files.writeString(file, "[{ match: \"programs/*.*\", inline: \"-java/lang/String.*\" }]");
        ForkedJvm.Outcome traced = ForkedJvm.run(java, List.of("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + file, "-javaagent:" + ForkedJvm.agentJar()), "programs.CompilerDirectives");

        assertEquals(0, traced.exitCode(), traced.stderr());
        assertTrue(traced.stdout().contains("inline: -java/lang/String.*"), traced.stdout());
        assertFalse(traced.stdout().contains(HOOKS_NOT_INLINED), traced.stdout());
        assertTrue(traced.stderr().contains("hooks left inlinable by the JIT (slower): the command line gives compiler directives"),
                traced.stderr());
    }
}
