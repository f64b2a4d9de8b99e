package dev.shadowheap.analysis;

import dev.shadowheap.heap.ShadowHeap;

/** One-shot leak analysis of a single batch; see {@link LeakAccumulator} for what is computed. */
public final class LeakAnalyzer {

    private LeakAnalyzer() {
    }

    /** Analyses the leaked objects {@code leakedIds} of {@code heap}. */
    public static LeakAnalysis analyze(ShadowHeap heap, int[] leakedIds) {
        LeakAccumulator accumulator = new LeakAccumulator();
        accumulator.add(heap, leakedIds);
        return accumulator.snapshot();
    }
}
