package dev.shadowheap.samples.expect;

/**
 * The class display names used in leak shapes: the binary name without its package
 * ({@code java.util.LinkedList$Node} becomes {@code LinkedList$Node}, {@code Object[]} stays readable).
 *
 * <p>Hidden classes (the classes behind capturing lambdas) get a name that changes from run to run and
 * from JDK to JDK: JDK 17 says {@code Outer$$Lambda$14/0x0000000800c03000}, JDK 21+ says
 * {@code Outer$$Lambda/0x0000000032040218}. Both are shown as {@code Outer$$Lambda} so that an expected
 * shape can be written down once and still match.
 */
public final class ClassNames {
    private static final String LAMBDA_MARKER = "$$Lambda";

    private ClassNames() {
    }

    /** The display name of {@code type}, as it appears in shapes. */
    public static String displayName(Class<?> type) {
        if (type.isArray()) {
            return displayName(type.getComponentType()) + "[]";
        }
        return displayName(type.getName());
    }

    /** The display name of a binary class name such as {@code java.util.HashMap$Node}. */
    public static String displayName(String binaryName) {
        if (binaryName == null || binaryName.isEmpty()) {
            throw new IllegalArgumentException("class name must not be empty, got: " + binaryName);
        }
        String name = binaryName;
        int hiddenSuffix = name.indexOf('/');
        if (hiddenSuffix >= 0) {
            name = name.substring(0, hiddenSuffix);
        }
        name = withoutLambdaCounter(name);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** {@code Outer$$Lambda$14} becomes {@code Outer$$Lambda}; other names are returned unchanged. */
    private static String withoutLambdaCounter(String name) {
        int marker = name.lastIndexOf(LAMBDA_MARKER);
        if (marker < 0) {
            return name;
        }
        int afterMarker = marker + LAMBDA_MARKER.length();
        String rest = name.substring(afterMarker);
        if (rest.matches("\\$\\d+")) {
            return name.substring(0, afterMarker);
        }
        return name;
    }
}
