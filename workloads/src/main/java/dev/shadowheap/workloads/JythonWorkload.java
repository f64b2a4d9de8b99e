package dev.shadowheap.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.python.core.PyInteger;
import org.python.util.PythonInterpreter;

/**
 * Runs an embedded Python 2.7 program under Jython that builds and drops cyclic structures (doubly-linked rings,
 * trees with parent pointers, self-referencing containers, bound-method and closure cycles): exactly the garbage a
 * CPython model must hand to its cycle collector, here produced by a real interpreter's object graph.
 *
 * <p>Usage: {@code JythonWorkload [rounds]}. Prints the round count and a checksum the program computes.
 */
public final class JythonWorkload {

    static final String NAME = "jython";

    private JythonWorkload() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = SizeArgument.parse(args, NAME, 300);
        String program;
        try (InputStream source = JythonWorkload.class.getResourceAsStream("python/cycles.py")) {
            program = new String(source.readAllBytes(), StandardCharsets.UTF_8);
        }
        // No package scan cache (it would write into the user's home) and no site module: the run depends only on
        // the jar, so it is the same on every machine and every run.
        Properties options = new Properties();
        options.setProperty("python.cachedir.skip", "true");
        options.setProperty("python.import.site", "false");
        PythonInterpreter.initialize(System.getProperties(), options, new String[0]);
        try (PythonInterpreter python = new PythonInterpreter()) {
            python.set("ROUNDS", new PyInteger(rounds));
            python.exec(program);
        }
    }
}
