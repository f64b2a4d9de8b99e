package dev.shadowheap.agent.track;

import dev.shadowheap.hooks.StoreTally;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent counted while the application ran, including what it could not see or map (the
 * blind spots every report lists).
 */
public final class AgentCounters {

    /**
     * Reference stores applied to the shadow heap outside a hook's store call: the edges an object has when it is
     * tracked, and a statics holder's first values. Those of store calls are counted per thread: see {@link #stores()}.
     */
    public final LongAdder stores = new LongAdder();
    /** What the per-thread counts held when these counters were made: they count for the whole JVM. */
    private final long storeTallyBase = StoreTally.total();
    /** Stores into objects the agent does not track (made before it started, or not trackable). */
    public final LongAdder untrackedOwnerStores = new LongAdder();
    /** Stores of a non-null object the agent does not track; the shadow records null. */
    public final LongAdder untrackedTargetStores = new LongAdder();
    /** Stores to a tracked object that could not be mapped to a slot (unknown field or handle). */
    public final LongAdder unmappedStores = new LongAdder();
    /** Objects seen at allocation whose class has reference fields written by code the agent does not rewrite. */
    public final LongAdder untrackableAllocations = new LongAdder();
    /** Objects seen at allocation whose class the user's include/exclude filters leave untracked (by choice). */
    public final LongAdder notSelectedAllocations = new LongAdder();
    /** Objects the JVM reported dead and the shadow was told about. */
    public final LongAdder deaths = new LongAdder();
    /**
     * How often, and for how long in all, program threads waited before an allocation for the death thread to catch
     * up (see {@link DeathBacklog}).
     */
    public final LongAdder backlogWaits = new LongAdder();
    public final LongAdder backlogWaitNanos = new LongAdder();
    /** {@link #deaths} when the program ended (the exit began), or -1 before. */
    private volatile long deathsWhenProgramEnded = -1;
    /** Classes rewritten, and classes whose rewriting failed. */
    public final LongAdder classesRewritten = new LongAdder();
    public final LongAdder rewriteFailures = new LongAdder();
    /** Failures inside the agent's own code paths (death draining, audit). */
    public final LongAdder internalErrors = new LongAdder();

    /** Notes, at the start of the exit, how many deaths were released while the program ran. */
    public void programEnded() {
        deathsWhenProgramEnded = deaths.sum();
    }

    /**
     * Deaths released while the program ran, or -1 if it has not ended. The rest were released at the exit: what
     * the JVM had found dead but the death thread had not yet released, and what the exit's collections found.
     */
    public long deathsWhileRunning() {
        return deathsWhenProgramEnded;
    }

    /** Every reference store applied to the shadow heap since these counters were made. */
    public long stores() {
        return stores.sum() + StoreTally.total() - storeTallyBase;
    }
}
