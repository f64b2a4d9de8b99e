package dev.shadowheap.it;

import java.lang.management.ManagementFactory;

/**
 * A program that behaves differently when started with a {@code -javaagent}, so the overhead harness's verification
 * can be shown to catch it: {@code output} prints a different line under an agent, {@code exit} exits 3 under one,
 * {@code same} behaves the same either way.
 */
public final class AgentSensitiveProgram {

    private AgentSensitiveProgram() {
    }

    public static void main(String[] args) {
        boolean underAgent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-javaagent:"));
        System.out.println("first line");
        switch (args[0]) {
            case "output" -> System.out.println(underAgent ? "with agent" : "without agent");
            case "exit" -> {
                if (underAgent) {
                    System.exit(3);
                }
            }
            case "same" -> System.out.println("same either way");
            default -> throw new IllegalArgumentException("mode must be output, exit or same: " + args[0]);
        }
    }
}
