package dev.shadowheap.agent.track;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent counted while the application ran, including what it could not see or map (the
 * blind spots every report lists).
 */
public final class AgentCounters {

    /** Reference stores applied to the shadow heap. */
    public final LongAdder stores = new LongAdder();
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
    /** Classes rewritten, and classes whose rewriting failed. */
    public final LongAdder classesRewritten = new LongAdder();
    public final LongAdder rewriteFailures = new LongAdder();
    /** Failures inside the agent's own code paths (death draining, audit). */
    public final LongAdder internalErrors = new LongAdder();
}
