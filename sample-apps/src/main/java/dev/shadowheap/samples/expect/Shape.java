package dev.shadowheap.samples.expect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The name of a leaking cycle: the edge labels along a shortest cycle of a strongly connected component,
 * in canonical form so that the same loop always gets the same text, wherever the walk started.
 *
 * <p>Canonical form: every circular run of one label repeated two or more times becomes one token
 * {@code label+}; the token sequence is then rotated to the lexicographically smallest sequence
 * (token by token, {@link String#compareTo}); tokens are joined by {@code " -> "}. A ring of
 * {@code Ring$Node} objects is {@code Ring$Node.next+}; a throwable that is its own cause is
 * {@code Throwable.cause}.
 */
public final class Shape implements Comparable<Shape> {
    private static final String SEPARATOR = " -> ";

    private final String text;
    private final int minimumLength;

    private Shape(String text, int minimumLength) {
        this.text = text;
        this.minimumLength = minimumLength;
    }

    /** The shape of the cycle that follows {@code walk} and returns to where it started. */
    public static Shape of(Label... walk) {
        return of(Arrays.asList(walk));
    }

    /** The shape of the cycle that follows {@code walk} and returns to where it started. */
    public static Shape of(List<Label> walk) {
        if (walk == null || walk.isEmpty() || walk.contains(null)) {
            throw new IllegalArgumentException("a cycle needs at least one non-null label, got " + walk);
        }
        List<String> tokens = compressRuns(walk);
        List<String> smallest = smallestRotation(tokens);
        int minimumLength = 0;
        for (String token : tokens) {
            minimumLength += token.endsWith("+") ? 2 : 1;
        }
        return new Shape(String.join(SEPARATOR, smallest), minimumLength);
    }

    /** The same walk repeated {@code times} times, e.g. a cycle of k nodes through k edge arrays. */
    public static Shape repeated(int times, Label... walk) {
        if (times < 1) {
            throw new IllegalArgumentException("a walk must be repeated at least once, got " + times);
        }
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            labels.addAll(Arrays.asList(walk));
        }
        return of(labels);
    }

    /** Circular runs of equal labels, each written once, with {@code +} when it repeats. */
    private static List<String> compressRuns(List<Label> walk) {
        int n = walk.size();
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (!walk.get(i).equals(walk.get((i + n - 1) % n))) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            // One label all the way round: a self-loop (single edge) or a ring.
            return List.of(n == 1 ? walk.get(0).toString() : walk.get(0) + "+");
        }
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < n) {
            Label label = walk.get((start + i) % n);
            int run = 1;
            while (i + run < n && walk.get((start + i + run) % n).equals(label)) {
                run++;
            }
            tokens.add(run > 1 ? label + "+" : label.toString());
            i += run;
        }
        return tokens;
    }

    private static List<String> smallestRotation(List<String> tokens) {
        List<String> best = tokens;
        for (int shift = 1; shift < tokens.size(); shift++) {
            List<String> candidate = new ArrayList<>(tokens.subList(shift, tokens.size()));
            candidate.addAll(tokens.subList(0, shift));
            if (compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return best;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The fewest objects a cycle of this shape can have: one per label, two per {@code label+}. */
    public int minimumLength() {
        return minimumLength;
    }

    @Override
    public int compareTo(Shape other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape && ((Shape) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The canonical text, e.g. {@code LinkedList$Node.next -> LinkedList$Node.prev}. */
    @Override
    public String toString() {
        return text;
    }
}
