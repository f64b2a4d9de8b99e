package dev.shadowheap.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Jython workload's program, run by real CPython, must print exactly what Jython prints. */
class JythonAgainstCPythonTest {

    @Test
    void cpythonComputesTheSameChecksum() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"), "python3 not installed");
        Workloads.Workload jython = Workloads.named(JythonWorkload.NAME);
        String program;
        try (InputStream source = JythonWorkload.class.getResourceAsStream("python/cycles.py")) {
            program = new String(source.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path script = Files.createTempFile("cycles", ".py");
        try {
            Files.writeString(script, "ROUNDS = " + jython.smokeSize() + "\n" + program);
            ForkedJava.Result cpython = ForkedJava.run(List.of("python3", script.toString()));
            assertEquals(0, cpython.exitCode(), cpython.stderr());
            ForkedJava.Result jvm = ForkedJava.runSmoke(ForkedJava.currentJava(), jython);
            assertEquals(0, jvm.exitCode(), jvm.stderr());
            assertEquals(cpython.stdout(), jvm.stdout());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
