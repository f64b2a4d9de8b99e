package dev.shadowheap.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the shadow tracked over the run, and what it could not see.
 *
 * @param objects    objects tracked (allocations seen)
 * @param bytes      their shallow sizes summed
 * @param edges      reference stores applied to the shadow
 * @param classes    classes seen
 * @param blindSpots counters of what could not be tracked (e.g. {@code jniStores}), by name; kept
 *                   sorted by name
 */
public record Tracking(long objects, long bytes, long edges, long classes, Map<String, Long> blindSpots) {

    public Tracking {
        Counts.nonNegative("Tracking", "objects", objects);
        Counts.nonNegative("Tracking", "bytes", bytes);
        Counts.nonNegative("Tracking", "edges", edges);
        Counts.nonNegative("Tracking", "classes", classes);
        Counts.required("Tracking", "blindSpots", blindSpots);
        TreeMap<String, Long> sorted = new TreeMap<>();
        blindSpots.forEach((name, count) -> {
            if (name == null || name.isEmpty() || count == null || count < 0) {
                throw new IllegalArgumentException("Tracking.blindSpots: bad entry " + name + "=" + count);
            }
            sorted.put(name, count);
        });
        blindSpots = Collections.unmodifiableMap(sorted);
    }
}
