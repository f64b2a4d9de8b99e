package dev.shadowheap.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allocation hook path, {@code Hooks.beforeNew} / {@code new} / {@code Hooks.afterNew}: site bookkeeping,
 * registration in the identity table (with its weak reference), {@code ShadowHeap.allocate}. Each new node is
 * linked from the previous one through the store hook and chains are dropped every 64 nodes, so objects die
 * steadily and the agent's death thread (running, as in the agent) releases them: a steady state, not a heap that
 * only grows. {@code plainAllocation} is the same loop without hooks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {AgentHooks.EXPORTS, "-Xmx2g"})
public class AllocationHookBenchmark {

    private static final int CHAIN = 64;

    /** The chain being built; dropped every {@value #CHAIN} nodes. */
    @State(Scope.Thread)
    public static class Chain {
        AgentHooks.Node previous;
        int length;

        /** Whether {@code node} starts a new chain (the previous one is dropped). */
        boolean startsChain() {
            if (++length == CHAIN) {
                length = 0;
                previous = null;
            }
            return previous == null;
        }
    }

    /** The agent's machinery with its death thread running, as in the agent. */
    @State(Scope.Benchmark)
    public static class Agent {
        AgentHooks hooks;
        Thread deathThread;

        @Setup(Level.Trial)
        public void start() {
            hooks = new AgentHooks().install();
            deathThread = new Thread(hooks.tracker.deaths(), "shadowheap-deaths");
            deathThread.setDaemon(true);
            deathThread.start();
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            hooks.tracker.deaths().stop();
            deathThread.join();
            hooks.tracker.deaths().settle(4);
            hooks.uninstall();
            if (hooks.counters.deaths.sum() == 0) {
                throw new IllegalStateException("no dropped node was released: the shadow only grew");
            }
        }
    }

    @Benchmark
    public AgentHooks.Node allocationHook(Agent agent, Chain chain) {
        AgentHooks.Node node = agent.hooks.allocate();
        if (!chain.startsChain()) {
            agent.hooks.storeNext(chain.previous, node);
        }
        chain.previous = node;
        return node;
    }

    @Benchmark
    public AgentHooks.Node plainAllocation(Chain chain) {
        AgentHooks.Node node = new AgentHooks.Node();
        if (!chain.startsChain()) {
            chain.previous.next = node;
        }
        chain.previous = node;
        return node;
    }
}
