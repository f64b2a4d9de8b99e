package dev.shadowheap.agent.instrument;

import java.util.List;

/**
 * Which classes the agent rewrites. Every application class (any loader but the bootstrap and platform
 * loaders) is rewritten. Bootstrap classes are rewritten only inside a fixed set of JDK packages whose classes
 * carry most of a heap's edges ({@code java.util.**}) minus those the agent itself or class loading depend on,
 * plus {@code java.lang.reflect.Field} (for {@code Field.set}). The agent's own packages, Byte Buddy, and hidden
 * classes (lambdas) are never rewritten.
 *
 * <p>The user's {@code include}/{@code exclude} filters do not narrow this scope: they choose which objects are
 * tracked (see {@code ClassFilter}). A store into a tracked object may come from any class, and one that went
 * unseen would leave a stale edge, which can make a dead object look leaked.
 */
public final class InstrumentationScope {

    private static final List<ClassNameGlob> JDK_INCLUDED = globs("java.util.**", "java.lang.reflect.Field",
            "java.lang.Throwable"); // its constructor makes every exception a self-loop (cause = this)
    private static final List<ClassNameGlob> JDK_EXCLUDED = globs(
            "java.util.jar.**", "java.util.zip.**",          // read while classes load
            "java.util.concurrent.ThreadLocalRandom**",      // used by ConcurrentHashMap's counters mid-transform
            "java.util.concurrent.atomic.Striped64**", "java.util.concurrent.atomic.LongAdder**",
            "java.util.logging.**", "java.util.spi.**", "java.util.random.**");
    /** The agent jar's own packages (not all of dev.shadowheap: the sample apps live there too). */
    private static final List<String> NEVER = List.of("dev.shadowheap.agent.", "dev.shadowheap.hooks.",
            "dev.shadowheap.heap.", "dev.shadowheap.model.", "dev.shadowheap.analysis.", "dev.shadowheap.report.",
            "dev.shadowheap.run.", "net.bytebuddy.", "jdk.internal.",
            "sun.", "com.sun.", "jdk.jfr.", "java.lang.ThreadLocal", "java.lang.Thread");


    /** Whether the class of this binary name, defined by a loader of this kind, is rewritten. */
    public boolean covers(String className, LoaderKind loader) {
        if (className.indexOf('/') >= 0 || className.contains("$$Lambda")) {
            return false; // hidden or generated classes
        }
        for (String prefix : NEVER) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        switch (loader) {
            case BOOTSTRAP:
                return anyMatch(JDK_INCLUDED, className) && !anyMatch(JDK_EXCLUDED, className);
            case PLATFORM:
                return false;
            default:
                return !className.startsWith("java.");
        }
    }

    /** The kind of the loader that defines a class. */
    public enum LoaderKind {
        BOOTSTRAP, PLATFORM, APPLICATION;

        public static LoaderKind of(ClassLoader loader) {
            if (loader == null) {
                return BOOTSTRAP;
            }
            return loader == ClassLoader.getPlatformClassLoader() ? PLATFORM : APPLICATION;
        }
    }

    private static boolean anyMatch(List<ClassNameGlob> globs, String className) {
        for (ClassNameGlob glob : globs) {
            if (glob.matches(className)) {
                return true;
            }
        }
        return false;
    }

    private static List<ClassNameGlob> globs(String... texts) {
        ClassNameGlob[] parsed = new ClassNameGlob[texts.length];
        for (int i = 0; i < texts.length; i++) {
            parsed[i] = ClassNameGlob.parse(texts[i]);
        }
        return List.of(parsed);
    }
}
