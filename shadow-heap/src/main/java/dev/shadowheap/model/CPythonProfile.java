package dev.shadowheap.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The CPython versions whose memory manager shadowheap can imitate, with the facts that differ
 * between them (see {@code shared/docs/cpython-memory-model.md}, §1, §3 and §4). The newest is the
 * default.
 */
public enum CPythonProfile {

    PY_3_8("3.8", new int[] {700, 10, 10}, Collector.GENERATIONAL, Trigger.INSIDE_ALLOCATION,
            Resurrection.WHOLE_COLLECTION_ABORTS, 4 * 1024, 256 * 1024, false),
    PY_3_11("3.11", new int[] {700, 10, 10}, Collector.GENERATIONAL, Trigger.INSIDE_ALLOCATION,
            Resurrection.PER_OBJECT, 16 * 1024, 1024 * 1024, true),
    PY_3_12("3.12", new int[] {700, 10, 10}, Collector.GENERATIONAL, Trigger.EVAL_BREAKER,
            Resurrection.PER_OBJECT, 16 * 1024, 1024 * 1024, true),
    PY_3_13("3.13", new int[] {2000, 10, 10}, Collector.GENERATIONAL, Trigger.EVAL_BREAKER,
            Resurrection.PER_OBJECT, 16 * 1024, 1024 * 1024, true),
    /** 3.14.0 to 3.14.4: the incremental collector (young plus two old spaces). */
    PY_3_14_INCREMENTAL("3.14.0-3.14.4", new int[] {2000, 10, 0}, Collector.INCREMENTAL, Trigger.EVAL_BREAKER,
            Resurrection.PER_OBJECT, 16 * 1024, 1024 * 1024, true),
    /** 3.14.5 and later: the 3.13 generational collector, forward-ported. */
    PY_3_14_5("3.14.5+", new int[] {2000, 10, 10}, Collector.GENERATIONAL, Trigger.EVAL_BREAKER,
            Resurrection.PER_OBJECT, 16 * 1024, 1024 * 1024, true);

    /** Which cycle collector the version runs. */
    public enum Collector { GENERATIONAL, INCREMENTAL }

    /** When an automatic collection runs once generation 0's count passes its threshold. */
    public enum Trigger {
        /** 3.8–3.11: synchronously, inside the allocation that crossed the threshold. */
        INSIDE_ALLOCATION,
        /** 3.12+: scheduled, and run at the next eval-breaker check (after the current bytecode). */
        EVAL_BREAKER
    }

    /** What a finalizer that resurrects part of the unreachable set does to the collection. */
    public enum Resurrection {
        /** 3.8: any resurrection puts the whole unreachable set back; nothing is freed this time. */
        WHOLE_COLLECTION_ABORTS,
        /** 3.9+: only what is reachable from resurrected objects survives. */
        PER_OBJECT
    }

    private final String version;
    private final int[] thresholds;
    private final Collector collector;
    private final Trigger trigger;
    private final Resurrection resurrection;
    private final int poolSize;
    private final int arenaSize;
    private final boolean keepsOneEmptyArena;

    CPythonProfile(String version, int[] thresholds, Collector collector, Trigger trigger, Resurrection resurrection,
            int poolSize, int arenaSize, boolean keepsOneEmptyArena) {
        this.version = version;
        this.thresholds = thresholds;
        this.collector = collector;
        this.trigger = trigger;
        this.resurrection = resurrection;
        this.poolSize = poolSize;
        this.arenaSize = arenaSize;
        this.keepsOneEmptyArena = keepsOneEmptyArena;
    }

    public static CPythonProfile newest() {
        return PY_3_14_5;
    }

    /**
     * The profile for a version name as users type it: {@code 3.8}, {@code 3.11}, {@code 3.12},
     * {@code 3.13}, {@code 3.14.0}..{@code 3.14.4} (incremental), {@code 3.14}/{@code 3.14.5}+ and later
     * patch releases.
     */
    public static CPythonProfile byName(String name) {
        String trimmed = name == null ? "" : name.trim();
        for (CPythonProfile profile : values()) {
            if (profile.version.equals(trimmed)) {
                return profile;
            }
        }
        if (trimmed.matches("3\\.14\\.[0-4]")) {
            return PY_3_14_INCREMENTAL;
        }
        if (trimmed.equals("3.14") || trimmed.matches("3\\.14\\.([5-9]|[1-9][0-9]+)")) {
            return PY_3_14_5;
        }
        throw new IllegalArgumentException("unknown CPython profile '" + name + "'; known: "
                + Arrays.stream(values()).map(p -> p.version).collect(Collectors.joining(", ")));
    }

    /** The version as users name it, e.g. {@code 3.11} or {@code 3.14.5+}. */
    public String version() {
        return version;
    }

    /** {@code gc.get_threshold()} at interpreter start. */
    public int[] defaultThresholds() {
        return thresholds.clone();
    }

    public Collector collector() {
        return collector;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Resurrection resurrection() {
        return resurrection;
    }

    /** pymalloc's POOL_SIZE in bytes (64-bit build). */
    public int poolSize() {
        return poolSize;
    }

    /** pymalloc's ARENA_SIZE in bytes (64-bit build). */
    public int arenaSize() {
        return arenaSize;
    }

    /** 3.9+ keeps one completely empty arena instead of returning it (bpo-37257). */
    public boolean keepsOneEmptyArena() {
        return keepsOneEmptyArena;
    }
}
