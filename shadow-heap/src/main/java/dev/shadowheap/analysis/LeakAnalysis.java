package dev.shadowheap.analysis;

import java.util.List;

/**
 * What reference counting alone would have leaked, over one or more batches of leaked objects.
 * Immutable.
 *
 * @param batches             batches added
 * @param leakedObjects       all objects in the batches
 * @param leakedBytes         their shallow sizes summed
 * @param cycleObjects        objects inside leaked cycles (strongly connected components with a
 *                            cycle, self-loops included)
 * @param hangerOnObjects     leaked objects outside cycles that some cycle reaches
 * @param unattributedObjects leaked objects outside cycles that no leaked cycle reaches (a leak needs
 *                            a cycle behind it, so these point at an edge the shadow got wrong)
 * @param unattributedBytes   their shallow sizes summed
 * @param groups              cycle groups by shape, most cycle bytes first (then most bytes with hangers-on, then shape)
 * @param weakFields          the labels to make weak to break every cycle
 */
public record LeakAnalysis(long batches, long leakedObjects, long leakedBytes, long cycleObjects,
        long hangerOnObjects, long unattributedObjects, long unattributedBytes, List<CycleGroup> groups,
        WeakFieldSuggestion weakFields) {

    public LeakAnalysis {
        if (groups == null || weakFields == null) {
            throw new IllegalArgumentException("leak analysis: groups and weakFields must not be null");
        }
        groups = List.copyOf(groups);
    }

    /** Number of leaked cycles (components) over all groups. */
    public long cycles() {
        return groups.stream().mapToLong(CycleGroup::cycles).sum();
    }

    /** The group with this shape, or null. */
    public CycleGroup group(String shape) {
        return groups.stream().filter(group -> group.shape().equals(shape)).findFirst().orElse(null);
    }
}
