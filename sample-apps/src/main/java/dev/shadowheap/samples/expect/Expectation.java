package dev.shadowheap.samples.expect;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sample app states reference counting alone would leak: for each cycle shape, how many
 * strongly connected components have it and how many objects they hold, plus the number of
 * hangers-on (leaked objects that are in no cycle but are kept by one).
 *
 * <p>Apps add to it next to the code that builds each structure; statements about the same shape add
 * up. {@link #line()} is the one machine-readable line an app prints at the end of {@code main}.
 * Not thread-safe: state expectations from one thread.
 */
public final class Expectation {
    /** The prefix of the line that carries the expectation as JSON. */
    public static final String LINE_PREFIX = "shadowheap-expected: ";

    private final String app;
    private final Map<Shape, CycleCount> cycles = new TreeMap<>();
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
        cycles.merge(shape, new CycleCount(cycleCount, objectsInCycles), CycleCount::plus);
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

    /** Cycle counts per shape, in shape order. */
    public Map<Shape, CycleCount> cyclesByShape() {
        return Collections.unmodifiableMap(cycles);
    }

    /** The number of leaked objects kept only by cycles. */
    public long hangersOn() {
        return hangersOn;
    }

    /** Strongly connected components expected to leak, all shapes together. */
    public long totalCycles() {
        return cycles.values().stream().mapToLong(CycleCount::cycles).sum();
    }

    /** Objects expected to leak, in cycles or hanging on them. */
    public long totalLeakedObjects() {
        return cycles.values().stream().mapToLong(CycleCount::objects).sum() + hangersOn;
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
        for (Map.Entry<Shape, CycleCount> entry : cycles.entrySet()) {
            json.append(separator)
                    .append("{\"shape\":").append(Json.quote(entry.getKey().toString()))
                    .append(",\"count\":").append(entry.getValue().cycles())
                    .append(",\"objects\":").append(entry.getValue().objects())
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
