package dev.shadowheap.agent.instrument;

import java.util.regex.Pattern;

/**
 * A class-name pattern as users write it: {@code com.example.**} (the package and everything below
 * it), {@code com.example.*} (classes of that package only), {@code *Cache} ({@code *} never crosses a
 * dot), or an exact binary name such as {@code java.util.LinkedList$Node}.
 */
public final class ClassNameGlob {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_$.*]+");

    private final String text;
    private final Pattern pattern;

    private ClassNameGlob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Parses a pattern; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static ClassNameGlob parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty class-name pattern");
        }
        if (!VALID.matcher(text).matches() || text.contains("***") || text.startsWith(".") || text.contains("..")) {
            throw new IllegalArgumentException("bad class-name pattern '" + text
                    + "' (use names with * for one segment part and ** for any depth, e.g. com.example.**)");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^.]*");
                }
            } else if (c == '.' || c == '$') {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return new ClassNameGlob(text, Pattern.compile(regex.toString()));
    }

    /** Whether a binary class name ({@code a.b.C$D}) matches. */
    public boolean matches(String className) {
        return pattern.matcher(className).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
