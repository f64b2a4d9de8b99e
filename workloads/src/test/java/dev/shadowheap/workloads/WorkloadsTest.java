package dev.shadowheap.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: unique names, class paths that resolve to built files, main classes that load from them. */
class WorkloadsTest {

    @Test
    void namesAreUniqueAndSizesPositive() {
        Set<String> names = new HashSet<>();
        for (Workloads.Workload w : Workloads.all()) {
            assertTrue(names.add(w.name()), "duplicate workload " + w.name());
            assertTrue(w.smokeSize() >= 1 && w.fullSize() > w.smokeSize(), w.name() + " sizes");
        }
        assertEquals(Set.of("h2", "lucene", "xalan", "pmd", "jython"), names);
    }

    @Test
    void eachMainClassLoadsFromItsOwnClassPathAlone() throws Exception {
        for (Workloads.Workload w : Workloads.all()) {
            List<Path> classPath = w.classPath(ForkedJava.target(), ForkedJava.classes());
            URL[] urls = new URL[classPath.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = classPath.get(i).toUri().toURL();
            }
            // Parent = platform loader, so only this class path (not the test's) can satisfy the driver's linkage.
            try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
                Class<?> driver = Class.forName(w.mainClass(), false, loader);
                Method main = driver.getMethod("main", String[].class);
                assertTrue(Modifier.isStatic(main.getModifiers()), w.name());
                // Resolving every method signature links against the library: a missing jar fails here.
                driver.getDeclaredMethods();
            }
        }
    }

    @Test
    void classPathsAreSeparate() {
        List<Path> pmd = Workloads.named("pmd").classPath(ForkedJava.target());
        List<Path> xalan = Workloads.named("xalan").classPath(ForkedJava.target());
        assertTrue(pmd.stream().noneMatch(p -> p.getFileName().toString().startsWith("xalan")), pmd::toString);
        assertTrue(xalan.stream().noneMatch(p -> p.getFileName().toString().startsWith("Saxon")), xalan::toString);
        assertEquals(ForkedJava.target().resolve(Workloads.DRIVER_JAR), xalan.get(0));
    }

    @Test
    void unknownNameIsRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.named("derby"));
        assertTrue(e.getMessage().contains("derby") && e.getMessage().contains("lucene"), e.getMessage());
        assertEquals("h2", Workloads.named("H2").name());
    }

    @Test
    void missingClassPathFileNamesTheFile(@TempDir Path emptyTarget) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Workloads.named("h2").classPath(emptyTarget));
        assertTrue(e.getMessage().contains("classpath-h2.txt"), e.getMessage());
    }

    @Test
    void classPathFileNamingAMissingJarIsReported(@TempDir Path target) throws Exception {
        Files.writeString(target.resolve("classpath-h2.txt"), "lib/h2-0.jar");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Workloads.named("h2").classPath(target));
        assertTrue(e.getMessage().contains("lib/h2-0.jar"), e.getMessage());
    }
}
