package dev.shadowheap.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Death processing: how many dying tracked objects per second {@code DeathWatcher} turns into
 * {@code ShadowHeap.hostReleased} (a full sweep of the tracked objects' references, identity-table removal, release
 * under the heap lock). Before each invocation {@value #DYING} tracked nodes are made and dropped and a full
 * collection is forced (not measured); the invocation sweeps once and must find all of them. {@code chained}: the
 * nodes form 64-node linked chains, so each release also drops a reference count; otherwise they are isolated.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {AgentHooks.EXPORTS, "-Xmx2g"})
@State(Scope.Thread)
public class DeathBenchmark {

    static final int DYING = 65_536;

    @Param({"false", "true"})
    boolean chained;

    private AgentHooks hooks;
    private long releasedBefore;

    @Setup(Level.Trial)
    public void start() {
        hooks = new AgentHooks().install();
    }

    @TearDown(Level.Trial)
    public void stop() {
        hooks.uninstall();
    }

    @Setup(Level.Invocation)
    public void makeGarbage() {
        AgentHooks.Node[] nodes = hooks.trackedNodes(DYING);
        if (chained) {
            for (int i = 1; i < nodes.length; i++) {
                if (i % 64 != 0) {
                    hooks.storeNext(nodes[i - 1], nodes[i]);
                }
            }
        }
        nodes = null;
        System.gc(); // a full collection clears the dropped nodes' references before it returns
        releasedBefore = hooks.counters.deaths.sum();
    }

    @Benchmark
    @OperationsPerInvocation(DYING)
    public long release() {
        long released = hooks.tracker.deaths().sweepAll();
        if (released != DYING) {
            throw new IllegalStateException("swept " + released + " deaths of " + DYING);
        }
        if (hooks.counters.deaths.sum() - releasedBefore != released) {
            throw new IllegalStateException("death counter disagrees with the drained count");
        }
        return released;
    }
}
