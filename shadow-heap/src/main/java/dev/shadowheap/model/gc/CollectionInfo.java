package dev.shadowheap.model.gc;

/**
 * What {@code gc.callbacks} receive as {@code info}: the generation being collected and, on "stop",
 * how many objects were collected and found uncollectable (both 0 on "start").
 */
public record CollectionInfo(int generation, long collected, long uncollectable) {
}
