package dev.shadowheap.run;

import dev.shadowheap.analysis.CollectedLeaks;
import dev.shadowheap.analysis.LeakAccumulator;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.CycleCollector;
import dev.shadowheap.model.pymalloc.Pymalloc;
import dev.shadowheap.model.pymalloc.PymallocHeapListener;
import dev.shadowheap.model.pymalloc.PymallocStats;
import dev.shadowheap.report.EdgeAudit;
import dev.shadowheap.report.GenerationStats;
import dev.shadowheap.report.LeakSummary;
import dev.shadowheap.report.PoolSummary;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.Tracking;
import java.util.ArrayList;
import java.util.List;

/**
 * A shadow heap with CPython's memory manager modelled on it for a whole run: pymalloc places every object, the
 * cycle collector runs on its thresholds, and what it finds unreachable is recorded as reference counting's
 * leaks. When the host is the JVM, everything the collector finds unreachable was freed by the JVM while its
 * shadow count was above zero: the cycles, and what only they held.
 *
 * <p>{@link #finish} ends the run the way CPython's interpreter shutdown does, with one last full collection
 * (counted in the statistics), so that leaks found after the last automatic collection are reported too.
 */
public final class ModelledRun {

    private final ShadowHeap heap;
    private final CPythonProfile profile;
    private final CycleCollector collector;
    private final Pymalloc pymalloc;
    private final LeakAccumulator leaks;
    /** Guarded by the heap's lock: once set, what the collector finds is no longer recorded as leaked. */
    private volatile boolean sealed;

    private ModelledRun(ShadowHeap heap, CPythonProfile profile, LeakAccumulator leaks) {
        this.heap = heap;
        this.profile = profile;
        this.leaks = leaks;
        this.pymalloc = new Pymalloc(profile);
        heap.addListener(new PymallocHeapListener(pymalloc));
        this.collector = CycleCollector.attach(heap, profile);
        CollectedLeaks verdicts = new CollectedLeaks(leaks);
        collector.addUnreachableObserver((h, ids, generation) -> {
            if (!sealed) {
                verdicts.unreachable(h, ids, generation);
            }
        });
    }

    /** Attaches the models to a heap that has no objects yet. */
    public static ModelledRun attach(ShadowHeap heap, CPythonProfile profile) {
        return attach(heap, profile, new LeakAccumulator());
    }

    /**
     * Attaches the models to a heap that has no objects yet, recording leaks into {@code leaks}, which other runs
     * may share (one run per tracking window, one leak analysis for all).
     */
    public static ModelledRun attach(ShadowHeap heap, CPythonProfile profile, LeakAccumulator leaks) {
        if (heap.liveObjects() != 0) {
            throw new IllegalArgumentException("models must be attached before the first allocation");
        }
        if (leaks == null) {
            throw new IllegalArgumentException("attach: leak accumulator must not be null");
        }
        return new ModelledRun(heap, profile, leaks);
    }

    /**
     * Ends this run's verdicts, for a host that is about to stop mirroring stores (its graph may go stale from
     * then on, and a stale edge could make a dead object look leaked): one last full collection, whose findings
     * are recorded, and from then on nothing this run's collector finds is. Every object still live and not
     * pinned is thereby retired without a verdict. Returns the run's totals; idempotent.
     */
    public SealedRun seal() {
        heap.lock().lock();
        try {
            heap.catchUp();
            if (!sealed) {
                collector.collect();
                sealed = true;
                collector.disable();
            }
            long[] retired = new long[1];
            heap.forEachLive(id -> {
                if (!heap.isPinned(id)) {
                    retired[0]++;
                }
            });
            List<String> classNames = new ArrayList<>();
            for (int id = 1; id <= heap.classes().size(); id++) {
                classNames.add(heap.classes().get(id).name());
            }
            return new SealedRun(generationStats(), poolSummary(), heap.allocations(), heap.allocatedBytes(),
                    retired[0], classNames);
        } finally {
            heap.lock().unlock();
        }
    }

    public boolean isSealed() {
        return sealed;
    }

    public ShadowHeap heap() {
        return heap;
    }

    public CPythonProfile profile() {
        return profile;
    }

    /** The {@code gc} module of the modelled interpreter. */
    public CycleCollector collector() {
        return collector;
    }

    public Pymalloc pymalloc() {
        return pymalloc;
    }

    public LeakAccumulator leaks() {
        return leaks;
    }

    /**
     * Runs a collection that an allocation scheduled (3.12+), then analyses the leaks found since the last call: the
     * host calls this between its own steps, holding no lock of the heap.
     */
    public void safepoint() {
        if (!sealed) {
            collector.safepoint();
        }
        leaks.analyzePending();
    }

    /** The last full collection, then the report of the whole run. */
    public RunReport finish(String tool, Tracking tracking, EdgeAudit audit) {
        collector.collect();
        return report(tool, tracking, audit);
    }

    /** The report as things stand, without collecting. */
    public RunReport report(String tool, Tracking tracking, EdgeAudit audit) {
        heap.lock().lock();
        try {
            heap.catchUp();
            return new RunReport(tool, profile.version(), tracking, generationStats(), poolSummary(),
                    LeakSummary.of(leaks.snapshot()), audit);
        } finally {
            heap.lock().unlock();
        }
    }

    private List<GenerationStats> generationStats() {
        List<GenerationStats> generations = new ArrayList<>();
        var stats = collector.getStats();
        for (int g = 0; g < stats.length; g++) {
            generations.add(new GenerationStats(g, stats[g].collections(), stats[g].collected(),
                    stats[g].uncollectable()));
        }
        return generations;
    }

    private PoolSummary poolSummary() {
        PymallocStats stats = pymalloc.stats();
        long arenaBytes = stats.arenasCurrent() * (long) profile.arenaSize();
        double fragmentation = arenaBytes == 0 ? 0 : 100.0 * (arenaBytes - stats.allocatedBytes()) / arenaBytes;
        return new PoolSummary(stats.arenasAllocatedTotal(), stats.arenasCurrent(), stats.arenasHighwater(),
                stats.totalPoolsInUse(), stats.allocatedBytes(), Math.max(0, Math.min(100, fragmentation)));
    }
}
