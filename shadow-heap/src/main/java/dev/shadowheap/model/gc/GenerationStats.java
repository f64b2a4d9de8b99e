package dev.shadowheap.model.gc;

/** One entry of {@code gc.get_stats()}: cumulative counts for one generation. */
public record GenerationStats(long collections, long collected, long uncollectable) {
}
