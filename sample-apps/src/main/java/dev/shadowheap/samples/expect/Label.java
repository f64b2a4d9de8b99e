package dev.shadowheap.samples.expect;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * One edge label in a leak shape: {@code <Class>.<field>} for an instance field, named after the class
 * that declares the field, or {@code <ArrayClass>[*]} for the elements of an array.
 *
 * <p>Labels are checked against the running JDK when they are made: a field that does not exist, is
 * static or holds a primitive is rejected, so a JDK that renames a field makes the app fail loudly
 * instead of printing a stale expectation.
 */
public final class Label implements Comparable<Label> {
    private final String text;

    private Label(String text) {
        this.text = text;
    }

    /** The label of the instance field {@code fieldName} declared by {@code declaringClass}. */
    public static Label field(Class<?> declaringClass, String fieldName) {
        if (declaringClass == null || fieldName == null) {
            throw new IllegalArgumentException("declaring class and field name are required, got "
                    + declaringClass + " and " + fieldName);
        }
        Field field;
        try {
            field = declaringClass.getDeclaredField(fieldName);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(declaringClass.getName() + " declares no field named '"
                    + fieldName + "' on JDK " + Runtime.version().feature(), e);
        }
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            throw new IllegalArgumentException(declaringClass.getName() + "." + fieldName
                    + " is not a reference-typed instance field");
        }
        return new Label(ClassNames.displayName(declaringClass) + "." + fieldName);
    }

    /** The label of an instance field of a class known only by binary name, e.g. a private JDK class. */
    public static Label field(String declaringClassName, String fieldName) {
        try {
            return field(Class.forName(declaringClassName, false, Label.class.getClassLoader()), fieldName);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class named '" + declaringClassName + "' on JDK "
                    + Runtime.version().feature(), e);
        }
    }

    /** The label of the elements of a reference array type, e.g. {@code Object[][*]}. */
    public static Label elements(Class<?> arrayType) {
        if (arrayType == null || !arrayType.isArray() || arrayType.getComponentType().isPrimitive()) {
            throw new IllegalArgumentException("expected an array of references, got " + arrayType);
        }
        return new Label(ClassNames.displayName(arrayType) + "[*]");
    }

    /** A label given as text, for tools that read labels back from a report. */
    public static Label parse(String text) {
        if (text == null || text.isBlank() || text.contains(" -> ") || text.endsWith("+")) {
            throw new IllegalArgumentException("not a single edge label: '" + text + "'");
        }
        return new Label(text);
    }

    @Override
    public int compareTo(Label other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Label && ((Label) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
