package dev.shadowheap.analysis;

import java.util.List;

/**
 * The edge labels (class fields, or array elements when no field will do) that, made weak, would
 * leave every leaked cycle acyclic.
 *
 * @param labels       edge labels such as {@code DoublyLinked$Node.prev}, in name order; empty when
 *                     there is no leaked cycle
 * @param edgesRemoved how many edges inside leaked cycles carry one of these labels
 * @param exact        true when the set is provably smallest under the documented order; false when
 *                     a heuristic chose it
 */
public record WeakFieldSuggestion(List<String> labels, long edgesRemoved, boolean exact) {

    public WeakFieldSuggestion {
        if (labels == null || labels.stream().anyMatch(label -> label == null || label.isEmpty())) {
            throw new IllegalArgumentException("weak-field labels must be non-null and non-empty: " + labels);
        }
        if (edgesRemoved < 0) {
            throw new IllegalArgumentException("weak-field edgesRemoved must not be negative: " + edgesRemoved);
        }
        labels = List.copyOf(labels);
    }
}
