package dev.shadowheap.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the JIT from inlining the hooks' tracking paths into application methods, and the agent's own code out of C2,
 * through compiler directives added at start-up (what {@code jcmd <pid> Compiler.directives_add} does).
 *
 * <p>Why: every rewritten method calls a hook at each allocation and reference store, and each hook is small
 * enough to be inlined together with the whole tracking path behind it (identity lookup, slot mapping, shadow
 * store). C2 then compiles every hot application method with dozens of copies of that path: measured on the
 * Xalan workload, JIT compilation took 17 s of CPU under the agent against 2.7 s without it, more than the
 * tracking itself. The hooks' gates (is a sink installed?) are still inlined, what they call when one is, is not:
 * a hook then costs one static call, and its body is compiled once.
 *
 * <p>The agent's own code is then compiled by C1 only. C2 built 40-50 KB of machine code for single
 * tracking methods ({@code ShadowHeap.store} with the whole free cascade and its listeners inlined,
 * {@code ShadowHeapSink.putField}, {@code Hooks.constructed} several times over as new classes deoptimized
 * it), which on two cores took the CPU from the application. Measured, one run each under load: Jython
 * smoke 20.2 s to 8.8 s wall (19.3 to 13.8 s CPU), Xalan smoke 10.3 s to 7.8 s (17.4 to 13.3 s CPU).
 *
 * <p>The directive is added through the {@code DiagnosticCommand} implementation's native entry point rather
 * than the platform MBean server, which would cost ~0.4 s of start-up. Anything missing (no
 * {@code jdk.management} module, another JDK's internals) leaves the JIT's defaults in place: this only
 * changes speed, never what is tracked. It is skipped when the command line gives directives of its own,
 * which a directive matching every method would otherwise shadow.
 */
final class HookInlining {

    /**
     * The agent's own packages (not all of dev/shadowheap: sample apps and workloads live there too). Of the hooks,
     * only what runs once tracking is on: the gates ({@code Hooks}) and the bridges ({@code UnsafeBridges},
     * {@code VarHandleBridges}) stand in for the program's own instructions, and where they are not inlined
     * ({@code System.arraycopy} in a gate, a bridge at a megamorphic site) they must run as fast as C2 makes them.
     */
    private static final String AGENT_CODE = "\"dev/shadowheap/agent/*.*\", \"dev/shadowheap/hooks/ActiveHooks.*\", "
            + "\"dev/shadowheap/hooks/ThreadState.*\", "
            + "\"dev/shadowheap/heap/*.*\", \"dev/shadowheap/model/*.*\", \"dev/shadowheap/analysis/*.*\", "
            + "\"dev/shadowheap/report/*.*\", \"dev/shadowheap/run/*.*\"";
    /**
     * What the hooks do once tracking is on. The gates in front ({@code Hooks}: one volatile read and a branch) and
     * the Unsafe/VarHandle bridges (the operation they replace, then a gate) may be inlined: that is what makes the
     * rewritten code nearly as fast as the original between tracking windows.
     */
    static final String NEVER_INLINED = "-dev/shadowheap/hooks/ActiveHooks.*";
    static final String DIRECTIVE = "[{ match: [" + AGENT_CODE + "], c2: { Exclude: true } },"
            + " { match: \"*.*\", inline: \"" + NEVER_INLINED + "\" }]";
    private static final String ADDED = "2 compiler directives added";
    private static final String IMPL = "com.sun.management.internal.DiagnosticCommandImpl";

    private HookInlining() {
    }

    /** Adds the directive; returns what went wrong, or empty if it is in place. */
    static Optional<String> disableInlining(Instrumentation inst, String[] vmArguments) {
        for (String argument : vmArguments) {
            if (argument.contains("CompilerDirectivesFile")) {
                return Optional.of("the command line gives compiler directives");
            }
        }
        Optional<Module> management = ModuleLayer.boot().findModule("jdk.management");
        if (management.isEmpty()) {
            return Optional.of("no jdk.management module");
        }
        try {
            String pkg = IMPL.substring(0, IMPL.lastIndexOf('.'));
            inst.redefineModule(management.get(), Set.of(), Map.of(), Map.of(pkg, Set.of(HookInlining.class.getModule())),
                    Set.of(), Map.of());
            // Its class initializer loads the native library behind the diagnostic commands.
            Class.forName(pkg + ".PlatformMBeanProviderImpl", true, null);
            Class<?> impl = Class.forName(IMPL, true, null);
            Method bean = impl.getDeclaredMethod("getDiagnosticCommandMBean");
            bean.setAccessible(true);
            Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            Path file = Files.createTempFile("shadowheap-directives", ".json");
            try {
                Files.write(file, DIRECTIVE.getBytes(StandardCharsets.UTF_8));
                Object answer = execute.invoke(bean.invoke(null), "Compiler.directives_add " + file);
                return String.valueOf(answer).contains(ADDED) ? Optional.empty()
                        : Optional.of("directive refused: " + answer);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (ReflectiveOperationException | RuntimeException | java.io.IOException | LinkageError e) {
            return Optional.of(e instanceof java.lang.reflect.InvocationTargetException ? e.getCause().toString() : e.toString());
        }
    }
}
