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
 * {@code HeapTracker.idOf}: every store hook makes two of these lookups, and an allocation several. A hit looks up a
 * tracked object; a miss an object the agent never saw (made before it started, or untrackable), which must walk
 * its whole bucket to say so.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = AgentHooks.EXPORTS)
@State(Scope.Thread)
public class IdentityLookupBenchmark {

    /** Tracked objects (and as many untracked ones): 1024 stay in cache, 262144 do not. */
    @Param({"1024", "262144"})
    int objects;

    /** TABLE: a class of the JVM's start (identity table); FIELD: an application class with the agent's id field. */
    @Param({"TABLE", "FIELD"})
    NodeIdentity identity;

    private AgentHooks hooks;
    private AgentHooks.Node[] tracked;
    private Object[] untracked;
    private int state = 0x9E3779B9;

    @Setup(Level.Trial)
    public void build() {
        hooks = new AgentHooks().install();
        tracked = hooks.trackedNodes(objects, identity);
        untracked = new Object[objects];
        for (int i = 0; i < objects; i++) {
            untracked[i] = new Object();
            System.identityHashCode(untracked[i]); // as any object that was ever hashed: not what is measured
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        hooks.uninstall();
    }

    @Benchmark
    public int idOfHit() {
        int id = hooks.tracker.idOf(tracked[next() & (objects - 1)]);
        if (id == 0) {
            throw new IllegalStateException("a tracked object has no id");
        }
        return id;
    }

    @Benchmark
    public int idOfMiss() {
        int id = hooks.tracker.idOf(untracked[next() & (objects - 1)]);
        if (id != 0) {
            throw new IllegalStateException("an untracked object has an id");
        }
        return id;
    }

    private int next() {
        state = XorShift.next(state);
        return state;
    }
}
