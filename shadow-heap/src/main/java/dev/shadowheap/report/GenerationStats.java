package dev.shadowheap.report;

/**
 * One entry of CPython's {@code gc.get_stats()} as the modelled collector would have reported it:
 * cumulative since the start of the run. (For 3.14.0–3.14.4's incremental collector, entry 0 is the
 * young collections and entry 1 the increments, as in that version.)
 */
public record GenerationStats(int generation, long collections, long collected, long uncollectable) {

    public GenerationStats {
        Counts.nonNegative("GenerationStats", "generation", generation);
        Counts.nonNegative("GenerationStats", "collections", collections);
        Counts.nonNegative("GenerationStats", "collected", collected);
        Counts.nonNegative("GenerationStats", "uncollectable", uncollectable);
    }
}
