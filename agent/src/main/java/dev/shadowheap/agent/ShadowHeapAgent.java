package dev.shadowheap.agent;

import java.lang.instrument.Instrumentation;

/**
 * Entry points of the agent jar: {@code -javaagent:shadowheap-agent.jar[=options]} ({@link #premain}),
 * attach ({@link #agentmain}), and {@code java -jar} ({@link #main}, the future command line).
 *
 * <p>A bad option stops start-up with one line on stderr that names it and lists what is accepted;
 * at launch the JVM then exits with status 2, on attach the target keeps running without the agent.
 */
public final class ShadowHeapAgent {

    static final int BAD_OPTIONS_STATUS = 2;

    private ShadowHeapAgent() {
    }

    public static void premain(String arguments, Instrumentation inst) {
        start(arguments, inst, true);
    }

    public static void agentmain(String arguments, Instrumentation inst) {
        start(arguments, inst, false);
    }

    public static void main(String[] args) {
        System.out.println("usage: java -javaagent:shadowheap-agent.jar[=key=value,...] -jar app.jar");
        System.out.println("options: " + AgentOptions.ACCEPTED);
    }

    private static void start(String arguments, Instrumentation inst, boolean atLaunch) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
        } catch (AgentOptionException e) {
            System.err.println("shadowheap: " + e.getMessage());
            if (atLaunch) {
                System.exit(BAD_OPTIONS_STATUS);
            }
            return;
        }
        try {
            AgentRuntime.start(options, inst);
        } catch (Exception | LinkageError e) {
            System.err.println("shadowheap: not started: " + e);
        }
    }
}
