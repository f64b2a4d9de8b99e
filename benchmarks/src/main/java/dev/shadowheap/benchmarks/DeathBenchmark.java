package dev.shadowheap.benchmarks;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
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
 * {@code ShadowHeap.hostReleased} (dequeue, identity-table removal, release under the heap lock). Before each
 * invocation {@value #DYING} tracked nodes are made and dropped and a full collection is forced (not measured); the
 * invocation drains until all of them are released, including any wait for the JVM's reference handler still
 * enqueueing them. {@code chained}: the nodes form 64-node linked chains, so each release also drops a reference
 * count; otherwise they are isolated.
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
    public void makeGarbage() throws InterruptedException {
        AgentHooks.Node[] nodes = hooks.trackedNodes(DYING);
        if (chained) {
            for (int i = 1; i < nodes.length; i++) {
                if (i % 64 != 0) {
                    hooks.storeNext(nodes[i - 1], nodes[i]);
                }
            }
        }
        ReferenceQueue<Object> markerQueue = new ReferenceQueue<>();
        WeakReference<Object> marker = new WeakReference<>(new Object(), markerQueue);
        nodes = null;
        System.gc();
        // The reference handler enqueues a collection's references in one pass: once the marker is queued, most
        // deaths are too, so the measurement is mostly the release work, not the wait.
        markerQueue.remove(5_000);
        releasedBefore = hooks.counters.deaths.sum();
        java.lang.ref.Reference.reachabilityFence(marker);
    }

    @Benchmark
    @OperationsPerInvocation(DYING)
    public long release() throws InterruptedException {
        long released = 0;
        long spins = 0;
        while (released < DYING) {
            int drained = hooks.tracker.deaths().drainAvailable();
            released += drained;
            if (drained == 0) {
                if (++spins > 50_000_000L) {
                    throw new IllegalStateException("only " + released + " of " + DYING + " deaths arrived");
                }
                Thread.onSpinWait();
            }
        }
        if (hooks.counters.deaths.sum() - releasedBefore != released) {
            throw new IllegalStateException("death counter disagrees with the drained count");
        }
        return released;
    }
}
