package dev.shadowheap.analysis;

import java.util.List;

/**
 * All leaked cycles (strongly connected components) that share one shape, with the objects they
 * keep alive.
 *
 * @param shape         the canonical shape, e.g. {@code DoublyLinked$Node.next -> DoublyLinked$Node.prev}
 * @param cycles        number of components
 * @param objects       objects inside those components
 * @param bytes         their shallow sizes summed
 * @param hangersOn     leaked objects outside any cycle that are attributed to this shape
 * @param hangerOnBytes their shallow sizes summed
 * @param topSites      allocation sites of the cycle objects (not the hangers-on), most objects first
 */
public record CycleGroup(String shape, long cycles, long objects, long bytes, long hangersOn, long hangerOnBytes,
        List<SiteCount> topSites) {

    public CycleGroup {
        if (shape == null || shape.isEmpty()) {
            throw new IllegalArgumentException("cycle group shape must not be empty");
        }
        if (cycles < 0 || objects < 0 || bytes < 0 || hangersOn < 0 || hangerOnBytes < 0) {
            throw new IllegalArgumentException("cycle group " + shape + " has a negative count: cycles=" + cycles
                    + " objects=" + objects + " bytes=" + bytes + " hangersOn=" + hangersOn + " hangerOnBytes="
                    + hangerOnBytes);
        }
        if (topSites == null) {
            throw new IllegalArgumentException("cycle group " + shape + ": topSites must not be null");
        }
        topSites = List.copyOf(topSites);
    }

    /** Bytes of the cycles and their hangers-on together: what breaking this shape would free. */
    public long totalBytes() {
        return bytes + hangerOnBytes;
    }
}
