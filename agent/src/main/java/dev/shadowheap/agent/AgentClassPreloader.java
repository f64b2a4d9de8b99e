package dev.shadowheap.agent;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of the agent's own code (not the shaded Byte Buddy) from the agent jar at start-up.
 *
 * <p>Why: the agent jar is on the application class path, so a class of ours first needed later is read
 * under the {@code JarFile}'s monitor and the loader's locks. The collector and the death thread hold
 * the heap's structural lock while they run code paths that may be new (a first leak found, a first
 * cascade), and an application thread loading its own class holds that jar monitor when its allocation
 * hook waits for the heap's lock: lock-order inversion, observed as a hang of the PMD workload
 * (safepoint thread: heap lock, then {@code ZipFile.getEntry}; main: {@code JarFile}, then heap lock).
 * With everything loaded up front, agent threads never load a class from a jar while holding the lock.
 */
final class AgentClassPreloader {

    private static final String OWN_CODE = "dev/shadowheap/";
    private static final String SHADED = "dev/shadowheap/agent/shaded/";

    private AgentClassPreloader() {
    }

    /** Loads (without initializing) the agent's classes; returns how many, or 0 when not run from a jar. */
    static int preload() throws IOException {
        File jar = agentJar();
        if (jar == null) {
            return 0; // classes from a directory (tests): no jar monitor to invert
        }
        ClassLoader loader = AgentClassPreloader.class.getClassLoader();
        int loaded = 0;
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.startsWith(OWN_CODE) && !name.startsWith(SHADED) && name.endsWith(".class")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(className, false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError e) {
                        // Optional code (a class needing a library absent here) simply stays unloaded.
                    }
                }
            }
        }
        return loaded;
    }

    private static File agentJar() {
        CodeSource source = AgentClassPreloader.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            File file = new File(source.getLocation().toURI());
            return file.isFile() ? file : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
