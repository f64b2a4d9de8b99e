package dev.shadowheap.report;

/**
 * The pymalloc model's state at the end of the run (names follow {@code sys._debugmallocstats()}).
 *
 * @param arenasAllocatedTotal  arenas ever allocated ({@code # arenas allocated total})
 * @param arenasCurrent         arenas allocated now
 * @param arenasHighwater       most arenas allocated at once
 * @param poolsInUse            pools holding at least one block
 * @param bytesInBlocks         bytes in allocated blocks
 * @param fragmentationPercent  share of the current arenas' bytes not in allocated blocks, 0–100
 */
public record PoolSummary(long arenasAllocatedTotal, long arenasCurrent, long arenasHighwater, long poolsInUse,
        long bytesInBlocks, double fragmentationPercent) {

    public PoolSummary {
        Counts.nonNegative("PoolSummary", "arenasAllocatedTotal", arenasAllocatedTotal);
        Counts.nonNegative("PoolSummary", "arenasCurrent", arenasCurrent);
        Counts.nonNegative("PoolSummary", "arenasHighwater", arenasHighwater);
        Counts.nonNegative("PoolSummary", "poolsInUse", poolsInUse);
        Counts.nonNegative("PoolSummary", "bytesInBlocks", bytesInBlocks);
        if (!(fragmentationPercent >= 0 && fragmentationPercent <= 100)) {
            throw new IllegalArgumentException("PoolSummary.fragmentationPercent must be within 0..100: "
                    + fragmentationPercent);
        }
    }

    /** Arenas given back to the system ({@code # arenas reclaimed}). */
    public long arenasReclaimed() {
        return arenasAllocatedTotal - arenasCurrent;
    }
}
