package dev.shadowheap.run;

import dev.shadowheap.analysis.LeakAccumulator;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.report.EdgeAudit;
import dev.shadowheap.report.GenerationStats;
import dev.shadowheap.report.LeakSummary;
import dev.shadowheap.report.PoolSummary;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.Tracking;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run modelled as a series of windows: each window is a fresh {@link ModelledRun} on a fresh heap (a fresh
 * interpreter, as it were), sealed when the window closes so that objects it still holds are retired without a
 * verdict; leaks of all windows go into one analysis, and the report merges the windows. A run tracked without
 * windows is the one-window case, whose report is exactly that window's.
 *
 * <p>Allocation sites are numbered once, in a table every window's heap shares. Not thread-safe: the host opens
 * and seals windows from one thread at a time.
 */
public final class WindowedRuns {

    private final CPythonProfile profile;
    private final SiteTable sites = new SiteTable();
    private final LeakAccumulator leaks = new LeakAccumulator();
    private final List<SealedRun> sealed = new ArrayList<>();

    public WindowedRuns(CPythonProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("WindowedRuns: profile must not be null");
        }
        this.profile = profile;
    }

    /** The allocation sites every window's heap numbers its objects by. */
    public SiteTable sites() {
        return sites;
    }

    public CPythonProfile profile() {
        return profile;
    }

    /** A new window: an empty heap with the models attached, recording leaks into the shared analysis. */
    public ModelledRun open() {
        return ModelledRun.attach(new ShadowHeap(sites), profile, leaks);
    }

    /** Seals a window's run (see {@link ModelledRun#seal}) and keeps its totals; the run may then be dropped. */
    public SealedRun seal(ModelledRun run) {
        if (run.isSealed()) {
            throw new IllegalArgumentException("seal: this window's run was sealed already");
        }
        SealedRun totals = run.seal();
        sealed.add(totals);
        return totals;
    }

    /**
     * Analyses the leaks recorded so far (see {@link LeakAccumulator#analyzePending}); thread-safe, and may run while
     * another thread seals a window.
     */
    public void analyzePendingLeaks() {
        leaks.analyzePending();
    }

    public int windows() {
        return sealed.size();
    }

    public long objects() {
        return sealed.stream().mapToLong(SealedRun::objects).sum();
    }

    public long bytes() {
        return sealed.stream().mapToLong(SealedRun::bytes).sum();
    }

    public long retiredObjects() {
        return sealed.stream().mapToLong(SealedRun::retiredObjects).sum();
    }

    /** Distinct class names seen over all windows. */
    public long classes() {
        Set<String> names = new HashSet<>();
        for (SealedRun run : sealed) {
            names.addAll(run.classNames());
        }
        return names.size();
    }

    /**
     * The merged report: {@code gc.get_stats()} summed over the windows, the leaks of all of them, and the
     * pymalloc summary of the last window (each window models its own allocator; null before any window).
     */
    public RunReport report(String tool, Tracking tracking, EdgeAudit audit) {
        List<GenerationStats> generations = new ArrayList<>();
        for (SealedRun run : sealed) {
            for (GenerationStats g : run.generations()) {
                if (g.generation() == generations.size()) {
                    generations.add(g);
                } else {
                    GenerationStats sum = generations.get(g.generation());
                    generations.set(g.generation(), new GenerationStats(g.generation(),
                            sum.collections() + g.collections(), sum.collected() + g.collected(),
                            sum.uncollectable() + g.uncollectable()));
                }
            }
        }
        PoolSummary pools = sealed.isEmpty() ? null : sealed.get(sealed.size() - 1).pools();
        return new RunReport(tool, profile.version(), tracking, generations, pools, LeakSummary.of(leaks.snapshot()),
                audit);
    }
}
