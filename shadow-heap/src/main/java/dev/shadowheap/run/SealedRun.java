package dev.shadowheap.run;

import dev.shadowheap.report.GenerationStats;
import dev.shadowheap.report.PoolSummary;
import java.util.List;

/**
 * What a {@link ModelledRun} contributed once it was sealed, kept so that its heap can be dropped.
 *
 * @param generations    {@code gc.get_stats()} of its collector
 * @param pools          its pymalloc summary
 * @param objects        objects it tracked
 * @param bytes          their shallow sizes summed
 * @param retiredObjects objects still live (not pinned) when it was sealed: retired without a verdict
 * @param classNames     names of the classes it saw
 */
public record SealedRun(List<GenerationStats> generations, PoolSummary pools, long objects, long bytes,
        long retiredObjects, List<String> classNames) {

    public SealedRun {
        generations = List.copyOf(generations);
        classNames = List.copyOf(classNames);
    }
}
