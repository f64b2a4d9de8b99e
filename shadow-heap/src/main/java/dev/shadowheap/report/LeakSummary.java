package dev.shadowheap.report;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.analysis.LeakAnalysis;
import dev.shadowheap.analysis.WeakFieldSuggestion;
import java.util.List;

/**
 * What reference counting alone would have leaked over the run.
 *
 * @param objects             leaked objects (cycles and hangers-on)
 * @param bytes               their shallow sizes summed
 * @param unattributedObjects leaked objects no leaked cycle reaches (evidence of a wrong edge)
 * @param groups              cycle groups by shape, as {@link LeakAnalysis} orders them
 * @param weakFields          labels to make weak to break every cycle
 */
public record LeakSummary(long objects, long bytes, long unattributedObjects, List<CycleGroup> groups,
        WeakFieldSuggestion weakFields) {

    public LeakSummary {
        Counts.nonNegative("LeakSummary", "objects", objects);
        Counts.nonNegative("LeakSummary", "bytes", bytes);
        Counts.nonNegative("LeakSummary", "unattributedObjects", unattributedObjects);
        groups = List.copyOf(Counts.required("LeakSummary", "groups", groups));
        Counts.required("LeakSummary", "weakFields", weakFields);
    }

    public static LeakSummary of(LeakAnalysis analysis) {
        return new LeakSummary(analysis.leakedObjects(), analysis.leakedBytes(), analysis.unattributedObjects(),
                analysis.groups(), analysis.weakFields());
    }

    /** Nothing leaked. */
    public static LeakSummary none() {
        return new LeakSummary(0, 0, 0, List.of(), new WeakFieldSuggestion(List.of(), 0, true));
    }
}
