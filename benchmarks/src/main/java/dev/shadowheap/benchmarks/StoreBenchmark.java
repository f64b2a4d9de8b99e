package dev.shadowheap.benchmarks;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ShadowHeap#store} throughput when owner and target are both tracked: each thread overwrites slots of its
 * own owners with targets drawn from one shared set, so counts are updated by both threads at once (the shared
 * targets) while slot swaps stay mostly thread-local, as in an application whose threads build their own
 * structures out of shared objects.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {

    @State(Scope.Benchmark)
    public static class Graph {
        /** Owners per thread and shared targets: 1024 fits in L1/L2, 65536 spills to L3. */
        @Param({"1024", "65536"})
        int objects;

        ShadowHeap heap;
        int[] targetIds;
        int[][] ownersByThread;
        final AtomicInteger nextThread = new AtomicInteger();

        @Setup
        public void build() {
            heap = new ShadowHeap();
            int pair = heap.classes().registerInstanceClass("bench.Pair", new String[] {"left", "right"}, true,
                    ShadowClass.Finalizer.NONE).id();
            targetIds = new int[objects];
            for (int i = 0; i < objects; i++) {
                targetIds[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
            }
            ownersByThread = new int[8][objects];
            for (int[] owners : ownersByThread) {
                for (int i = 0; i < owners.length; i++) {
                    owners[i] = heap.allocate(pair, 24, SiteTable.UNKNOWN);
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int[] owners;
        int state;

        @Setup
        public void pick(Graph graph) {
            int index = graph.nextThread.getAndIncrement();
            owners = graph.ownersByThread[index % graph.ownersByThread.length];
            state = 0x9E3779B9 * (index + 1);
        }

        int next() {
            state = XorShift.next(state);
            return state;
        }
    }

    @Benchmark
    @Threads(1)
    public void store1Thread(Graph graph, Cursor cursor) {
        store(graph, cursor);
    }

    @Benchmark
    @Threads(2)
    public void store2Threads(Graph graph, Cursor cursor) {
        store(graph, cursor);
    }

    private static void store(Graph graph, Cursor cursor) {
        int r = cursor.next();
        int mask = graph.objects - 1;
        int owner = cursor.owners[r & mask];
        int target = graph.targetIds[(r >>> 16) & mask];
        graph.heap.store(owner, r >>> 31, target);
    }
}
