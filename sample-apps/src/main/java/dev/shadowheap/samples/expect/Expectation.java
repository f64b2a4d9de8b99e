package dev.shadowheap.samples.expect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sample app states reference counting alone would leak: for each cycle shape, how many
 * strongly connected components have it and how many objects they hold, plus the number of
 * hangers-on (leaked objects that are in no cycle but are kept by one).
 *
 * <p>Apps add to it next to the code that builds each structure; statements about the same shape add
 * up. {@link #line()} is the one machine-readable line an app prints at the end of {@code main}.
 * Not thread-safe: state expectations from one thread.
 *
 * <p>This object is itself garbage once {@code main} returns, under the agent's eyes, so it is built
 * from structures without back-references only (array lists, no TreeMap, no map views, no streams):
 * otherwise the harness would add leaks of its own to every app's report.
 */
public final class Expectation {
    /** The prefix of the line that carries the expectation as JSON. */
    public static final String LINE_PREFIX = "shadowheap-expected: ";

    private final String app;
    /** Parallel lists: shapes.get(i) has counts.get(i). */
    private final List<Shape> shapes = new ArrayList<>();
    private final List<CycleCount> counts = new ArrayList<>();
    private long hangersOn;

    private Expectation(String app) {
        this.app = app;
    }

    /** An empty expectation (no leaks) for the app named {@code app}. */
    public static Expectation forApp(String app) {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("an expectation needs the app's name, got '" + app + "'");
        }
        return new Expectation(app);
    }

    /**
     * States that {@code cycleCount} more strongly connected components of shape {@code shape} leak,
     * holding {@code objectsInCycles} objects between them.
     */
    public Expectation cycles(Shape shape, long cycleCount, long objectsInCycles) {
        if (shape == null) {
            throw new IllegalArgumentException("shape is required");
        }
        if (cycleCount < 1) {
            throw new IllegalArgumentException("cycle count for " + shape + " must be positive, got " + cycleCount);
        }
        if (objectsInCycles < cycleCount * shape.minimumLength()) {
            throw new IllegalArgumentException(cycleCount + " cycles of " + shape + " need at least "
                    + cycleCount * shape.minimumLength() + " objects, got " + objectsInCycles);
        }
        CycleCount stated = new CycleCount(cycleCount, objectsInCycles);
        int known = shapes.indexOf(shape);
        if (known < 0) {
            shapes.add(shape);
            counts.add(stated);
        } else {
            counts.set(known, counts.get(known).plus(stated));
        }
        return this;
    }

    /** States that {@code count} more objects leak only because a cycle keeps them. */
    public Expectation hangersOn(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("hangers-on must not be negative, got " + count);
        }
        hangersOn += count;
        return this;
    }

    /** The app this expectation belongs to. */
    public String app() {
        return app;
    }

    /** Cycle counts per shape (an unmodifiable copy, in no particular order). */
    public Map<Shape, CycleCount> cyclesByShape() {
        Map<Shape, CycleCount> byShape = new HashMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            byShape.put(shapes.get(i), counts.get(i));
        }
        return Map.copyOf(byShape);
    }

    /** The number of leaked objects kept only by cycles. */
    public long hangersOn() {
        return hangersOn;
    }

    /** Strongly connected components expected to leak, all shapes together. */
    public long totalCycles() {
        long total = 0;
        for (CycleCount count : counts) {
            total += count.cycles();
        }
        return total;
    }

    /** Objects expected to leak, in cycles or hanging on them. */
    public long totalLeakedObjects() {
        long total = hangersOn;
        for (CycleCount count : counts) {
            total += count.objects();
        }
        return total;
    }

    /**
     * The expectation as one JSON object:
     * {@code {"app":..,"jdk":17,"cycles":[{"shape":..,"count":..,"objects":..}],"hangersOn":..,"leakedObjects":..}}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\"app\":").append(Json.quote(app))
                .append(",\"jdk\":").append(Runtime.version().feature())
                .append(",\"cycles\":[");
        String separator = "";
        List<Shape> inOrder = new ArrayList<>(shapes);
        inOrder.sort(null);
        for (Shape shape : inOrder) {
            CycleCount count = counts.get(shapes.indexOf(shape));
            json.append(separator)
                    .append("{\"shape\":").append(Json.quote(shape.toString()))
                    .append(",\"count\":").append(count.cycles())
                    .append(",\"objects\":").append(count.objects())
                    .append('}');
            separator = ",";
        }
        json.append("],\"cycleCount\":").append(totalCycles())
                .append(",\"hangersOn\":").append(hangersOn)
                .append(",\"leakedObjects\":").append(totalLeakedObjects())
                .append('}');
        return json.toString();
    }

    /** The line an app prints last: {@value #LINE_PREFIX} followed by {@link #toJson()}. */
    public String line() {
        return LINE_PREFIX + toJson();
    }

    @Override
    public String toString() {
        return line();
    }

    /** How many cycles of one shape leak and how many objects they hold. */
    public record CycleCount(long cycles, long objects) {
        CycleCount plus(CycleCount other) {
            return new CycleCount(cycles + other.cycles, objects + other.objects);
        }
    }
}
