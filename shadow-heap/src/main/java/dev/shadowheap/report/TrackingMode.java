package dev.shadowheap.report;

import java.util.List;

/**
 * How much of the run was tracked: the mode the agent ran in, its filters and windows, and what the shadow
 * followed. A verdict is only ever given for objects tracked from allocation to death inside one window; objects
 * still live when their tracking ended were retired without one, so a narrower mode can miss leaks but never
 * invent them.
 *
 * @param name           {@code full}, {@code filtered}, {@code windowed} or {@code filtered+windowed}
 * @param include        class globs of objects tracked (empty: every class)
 * @param exclude        class globs of objects never tracked
 * @param windowSeconds  length of one tracking window, 0 when tracking was not windowed
 * @param everySeconds   time from one window's start to the next, 0 when not windowed
 * @param windows        windows opened (1 for an unwindowed run)
 * @param trackedSeconds time tracking was on, summed over the windows
 * @param runSeconds     time from the agent's start to the report
 * @param objects        objects tracked, over all windows
 * @param retiredObjects objects still live when their window closed or the run ended: dropped without a verdict
 * @param notSelected    allocations inside windows that reached the agent's sink although the filters leave their
 *                       class out: only copies and lambdas, of classes the hooks had not met yet (allocations whose
 *                       class the rewriting knows get no hook, and the hooks drop the rest); not a count of all
 */
public record TrackingMode(String name, List<String> include, List<String> exclude, double windowSeconds,
        double everySeconds, long windows, double trackedSeconds, double runSeconds, long objects,
        long retiredObjects, long notSelected) {

    public TrackingMode {
        Counts.required("TrackingMode", "name", name);
        include = List.copyOf(Counts.required("TrackingMode", "include", include));
        exclude = List.copyOf(Counts.required("TrackingMode", "exclude", exclude));
        seconds("windowSeconds", windowSeconds);
        seconds("everySeconds", everySeconds);
        seconds("trackedSeconds", trackedSeconds);
        seconds("runSeconds", runSeconds);
        Counts.nonNegative("TrackingMode", "windows", windows);
        Counts.nonNegative("TrackingMode", "objects", objects);
        Counts.nonNegative("TrackingMode", "retiredObjects", retiredObjects);
        Counts.nonNegative("TrackingMode", "notSelected", notSelected);
    }

    private static void seconds(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("TrackingMode." + field + " must be a finite number >= 0: " + value);
        }
    }

    /** Tracked time as a share (0–1) of the run. */
    public double trackedShare() {
        return runSeconds == 0 ? 1.0 : Math.min(1.0, trackedSeconds / runSeconds);
    }
}
