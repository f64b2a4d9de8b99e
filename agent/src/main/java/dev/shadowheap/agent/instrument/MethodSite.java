package dev.shadowheap.agent.instrument;

/**
 * Where a rewritten method lives, and how to name an instruction of it as an allocation site:
 * {@code com.example.Foo.bar(Foo.java:42)}, as a stack trace would print it.
 */
final class MethodSite {

    /** Class files older than Java 5 cannot load a class constant with {@code LDC}. */
    private static final int FIRST_VERSION_WITH_CLASS_CONSTANTS = 49;

    final String className;
    final String methodName;
    private final String dottedClassName;
    private final String sourceFile;
    private final int classFileVersion;

    MethodSite(String className, String methodName, String sourceFile, int classFileVersion) {
        this.className = className;
        this.methodName = methodName;
        this.dottedClassName = className.replace('/', '.');
        this.sourceFile = sourceFile;
        this.classFileVersion = classFileVersion;
    }

    boolean canLoadClassConstants() {
        return classFileVersion >= FIRST_VERSION_WITH_CLASS_CONSTANTS;
    }

    String at(int line) {
        StringBuilder site = new StringBuilder(dottedClassName).append('.').append(methodName).append('(');
        if (sourceFile == null) {
            site.append("Unknown Source");
        } else {
            site.append(sourceFile);
            if (line > 0) {
                site.append(':').append(line);
            }
        }
        return site.append(')').toString();
    }
}
