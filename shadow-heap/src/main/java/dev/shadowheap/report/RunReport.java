package dev.shadowheap.report;

import java.util.List;

/**
 * Everything a run's report says; the agent and the models fill it in, the writers print it.
 *
 * @param tool        tool name and version, e.g. {@code shadowheap 0.1.0}
 * @param profile     the CPython version modelled, e.g. {@code 3.13} ({@code CPythonProfile.version()})
 * @param tracking    what was tracked and what could not be
 * @param generations {@code gc.get_stats()} entries, by generation
 * @param pools       the pymalloc summary, or null when pymalloc was not modelled
 * @param leaks       what reference counting alone would have leaked
 * @param audit       the edge audit, or null when none ran
 * @param mode        what was tracked (mode, filters, windows), or null when not stated (reports before modes)
 */
public record RunReport(String tool, String profile, Tracking tracking, List<GenerationStats> generations,
        PoolSummary pools, LeakSummary leaks, EdgeAudit audit, TrackingMode mode) {

    /** A report that does not state its tracking mode. */
    public RunReport(String tool, String profile, Tracking tracking, List<GenerationStats> generations,
            PoolSummary pools, LeakSummary leaks, EdgeAudit audit) {
        this(tool, profile, tracking, generations, pools, leaks, audit, null);
    }

    public RunReport {
        Counts.required("RunReport", "tool", tool);
        Counts.required("RunReport", "profile", profile);
        Counts.required("RunReport", "tracking", tracking);
        generations = List.copyOf(Counts.required("RunReport", "generations", generations));
        Counts.required("RunReport", "leaks", leaks);
    }

    /** The same report, stating the tracking mode. */
    public RunReport withMode(TrackingMode newMode) {
        return new RunReport(tool, profile, tracking, generations, pools, leaks, audit, newMode);
    }

    /** Leaked objects as a share (0–1) of all tracked objects. */
    public double leakedObjectShare() {
        return Counts.ratio(leaks.objects(), tracking.objects());
    }

    /** Leaked bytes as a share (0–1) of all tracked bytes. */
    public double leakedByteShare() {
        return Counts.ratio(leaks.bytes(), tracking.bytes());
    }
}
