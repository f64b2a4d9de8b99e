package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.TemporaryFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Puts the hooks ({@code dev.shadowheap.hooks}) where instrumented JDK classes can see them: the nested
 * {@code shadowheap-hooks.jar} is extracted and appended to the bootstrap search path, {@code java.base}
 * exports {@code jdk.internal.misc} to the hooks and to the agent, and every hook class is loaded and
 * initialized before any class is transformed (a hook class first loaded mid-transformation causes a
 * {@code ClassCircularityError}).
 */
final class BootstrapRuntime {

    static final String HOOKS_JAR = "shadowheap-hooks.jar";
    /** A killed JVM leaves its extracted hooks jar behind; the next start-up deletes those older than this. */
    private static final Duration STALE_HOOKS_JAR_AGE = Duration.ofDays(1);
    private static final String[] HOOK_CLASSES = {
        "dev.shadowheap.hooks.HookSink", "dev.shadowheap.hooks.ThreadState", "dev.shadowheap.hooks.Hooks",
        "dev.shadowheap.hooks.ActiveHooks", "dev.shadowheap.hooks.UnsafeBridges", "dev.shadowheap.hooks.VarHandleBridges",
        "dev.shadowheap.hooks.ClassAnswers", "dev.shadowheap.hooks.ClassSelection",
    };

    private BootstrapRuntime() {
    }

    static void install(Instrumentation inst) throws IOException, ClassNotFoundException {
        try (InputStream nested = BootstrapRuntime.class.getResourceAsStream(HOOKS_JAR)) {
            if (nested == null) {
                throw new IOException(HOOKS_JAR + " is missing from the agent jar");
            }
            TemporaryFiles.removeOlderThan("shadowheap-hooks", ".jar", STALE_HOOKS_JAR_AGE);
            Path jar = TemporaryFiles.create("shadowheap-hooks", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar)) { // into the file made above, keeping its permissions
                nested.transferTo(out);
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        }
        Module bootUnnamed = Class.forName(HOOK_CLASSES[0], false, null).getModule();
        Module agent = BootstrapRuntime.class.getModule();
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(bootUnnamed, agent)),
                Map.of(), Set.of(), Map.of());
        for (String name : HOOK_CLASSES) {
            Class.forName(name, true, null);
        }
    }
}
