package dev.shadowheap.model.pymalloc;

/**
 * Whether a newly mapped arena starts pool-aligned. An arena whose address is not a multiple of the
 * pool size loses its first partial pool (63 instead of 64 pools). This depends on the addresses
 * {@code mmap} returns, which a model cannot know, so it is an input: 3.8's 4 KiB pools are page
 * sized and never lose one; with 16 KiB pools, runs have been seen where every arena lost a pool
 * (3.11.7) and where only a few did (3.12.1).
 */
@FunctionalInterface
public interface ArenaAlignment {

    /** No arena loses a pool: the default, and always right for 4 KiB pools. */
    ArenaAlignment NONE = arenaSerial -> false;

    /** Every arena loses a pool. */
    ArenaAlignment EVERY_ARENA = arenaSerial -> true;

    /**
     * @param arenaSerial how many arenas were mapped before this one ({@code 0} for the first): the
     *     model's "# arenas allocated total" at the moment of the call
     * @return true if this arena's start is not pool-aligned
     */
    boolean losesPool(long arenaSerial);
}
