package dev.shadowheap.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store hook's fast path, owner and target both tracked: {@code Hooks.putField} (thread state, identity lookup
 * of owner and target, slot resolution, {@code ShadowHeap.store}) followed by the real store, as in rewritten code.
 * Issue target: at least 50 M stores/s per thread. {@code plainStore} is the same loop without the hook.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = AgentHooks.EXPORTS)
@State(Scope.Thread)
public class StoreHookBenchmark {

    /** Tracked owners and targets each: 1024 stay in cache, 262144 spill the identity table out of L2. */
    @Param({"1024", "262144"})
    int objects;

    /** TABLE: a class of the JVM's start (identity table); FIELD: an application class with the agent's id field. */
    @Param({"TABLE", "FIELD"})
    NodeIdentity identity;

    private AgentHooks hooks;
    private AgentHooks.Node[] owners;
    private AgentHooks.Node[] targets;
    private int state = 0x9E3779B9;

    @Setup(Level.Trial)
    public void build() {
        hooks = new AgentHooks().install();
        owners = hooks.trackedNodes(objects, identity);
        targets = hooks.trackedNodes(objects, identity);
    }

    @TearDown(Level.Trial)
    public void check() {
        hooks.uninstall();
        if (hooks.counters.untrackedOwnerStores.sum() + hooks.counters.untrackedTargetStores.sum()
                + hooks.counters.unmappedStores.sum() != 0) {
            throw new IllegalStateException("some stores missed the tracked fast path");
        }
    }

    @Benchmark
    public void storeHook() {
        int r = next();
        int mask = objects - 1;
        hooks.storeNext(owners[r & mask], targets[(r >>> 16) & mask]);
    }

    @Benchmark
    public void plainStore() {
        int r = next();
        int mask = objects - 1;
        owners[r & mask].next = targets[(r >>> 16) & mask];
    }

    private int next() {
        state = XorShift.next(state);
        return state;
    }
}
