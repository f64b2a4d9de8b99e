package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.TemporaryFiles;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the JIT from inlining the hooks' tracking paths into application methods, the agent's rare and large paths
 * into its hot ones, and its one-off code out of C2, through compiler directives added at start-up (what
 * {@code jcmd <pid> Compiler.directives_add} does).
 *
 * <p>Why: every rewritten method calls a hook at each allocation and reference store, and each hook is small
 * enough to be inlined together with the whole tracking path behind it (identity lookup, slot mapping, shadow
 * store). C2 then compiles every hot application method with dozens of copies of that path: measured on the
 * Xalan workload, JIT compilation took 17 s of CPU under the agent against 2.7 s without it, more than the
 * tracking itself. The hooks' gates (is a sink installed?) are still inlined, what they call when one is, is not:
 * a hook then costs one static call, and its body is compiled once.
 *
 * <p>Inside the agent, C2 used to build 40-50 KB of machine code for single tracking methods ({@code ShadowHeap.store}
 * with the whole free cascade and its listeners inlined, {@code ShadowHeapSink.putField} with the allocation path),
 * which on two cores took the CPU from the application; so all agent code was once left to C1. But C1 keeps every
 * bounds and {@code VarHandle} check and inlines little, and the tracking paths and the models' walks are tight loops
 * over int arrays, which is what C2 is for. So C2 compiles them, and only the rare, large paths are kept out of their
 * callers: the free cascade ({@code ShadowHeap.release} and what it calls), an allocation's listener calls
 * ({@code ShadowHeap.allocate}) and the identity table's insertion ({@code ObjectIds.register}). Measured in
 * interleaved runs (two or three each): H2 smoke 15.9-16.4 s with C1 only, 12.6-13.2 s so; Xalan 7.9-8.2 s,
 * 6.6-7.3 s; Jython 5.3-6.2 s either way; PMD 61-62 s, 47-52 s. The leak analysis (whole-component passes over
 * leaked batches) gains too: PMD 52-54 s, 49-51 s. Code that runs once (class rewriting with the shaded ASM, reports)
 * stays with C1, where compiling would cost more than it saves.
 *
 * <p>The directive is added through the {@code DiagnosticCommand} implementation's native entry point rather
 * than the platform MBean server, which would cost ~0.4 s of start-up. Anything missing (no
 * {@code jdk.management} module, another JDK's internals) leaves the JIT's defaults in place: this only
 * changes speed, never what is tracked. It is skipped when the command line gives directives of its own,
 * which a directive matching every method would otherwise shadow.
 */
final class HookInlining {

    /**
     * Agent code that runs once or rarely: C2 would cost more CPU than it saves. The shaded ASM and Byte Buddy do the
     * rewriting; left to C2 they added ~0.04 s to a 0.1 s sample app's 1.0 s under the agent.
     */
    private static final String COLD_AGENT_CODE = "\"dev/shadowheap/agent/instrument/*.*\", "
            + "\"dev/shadowheap/agent/shaded/*.*\", \"dev/shadowheap/report/*.*\", \"dev/shadowheap/run/*.*\"";
    /**
     * What the hooks do once tracking is on. The gates in front ({@code Hooks}: one volatile read and a branch) and
     * the Unsafe/VarHandle bridges (the operation they replace, then a gate) may be inlined: that is what makes the
     * rewritten code nearly as fast as the original between tracking windows.
     */
    static final String NEVER_INLINED = "-dev/shadowheap/hooks/ActiveHooks.*";
    /** Rare, large paths of the agent, never inlined into its hot ones (see the class comment). */
    static final String RARE_PATHS = "\"-dev/shadowheap/heap/ShadowHeap.release\", "
            + "\"-dev/shadowheap/heap/ShadowHeap.freeIfUnreferenced\", \"-dev/shadowheap/heap/ShadowHeap.allocate\", "
            + "\"-dev/shadowheap/agent/track/ObjectIds.register\"";
    static final String DIRECTIVE = "[{ match: [" + COLD_AGENT_CODE + "], c2: { Exclude: true } },"
            + " { match: \"*.*\", inline: [\"" + NEVER_INLINED + "\", " + RARE_PATHS + "] }]";
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
            Path file = TemporaryFiles.create("shadowheap-directives", ".json");
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
