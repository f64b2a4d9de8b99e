package dev.shadowheap.benchmarks;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.CycleCollector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full collection ({@code gc.collect(2)}) of the model over a live graph of a million objects with two edges
 * each, the shape {@code full_collection.py} builds in CPython: a list holds every node, each node points at two
 * random nodes. {@link CollectionVsCPython} runs both and prints the ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@State(Scope.Benchmark)
public class FullCollectionBenchmark {

    @Param({"1000000"})
    int objects;

    ShadowHeap heap;
    CycleCollector collector;

    @Setup
    public void build() {
        heap = new ShadowHeap();
        collector = CycleCollector.attach(heap, CPythonProfile.newest());
        collector.disable(); // only the collections we time
        int node = heap.classes().registerInstanceClass("bench.Node", new String[] {"a", "b"}, true,
                ShadowClass.Finalizer.NONE).id();
        int list = heap.classes().registerArrayClass("bench.Node[]", true).id();
        int holder = heap.allocateArray(list, 16 + 8 * objects, SiteTable.UNKNOWN, objects);
        int[] ids = new int[objects];
        for (int i = 0; i < objects; i++) {
            ids[i] = heap.allocate(node, 32, SiteTable.UNKNOWN);
            heap.store(holder, i, ids[i]);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int id : ids) {
            heap.store(id, 0, ids[random.nextInt(objects)]);
            heap.store(id, 1, ids[random.nextInt(objects)]);
            heap.hostReleased(id); // only the list keeps them, as in the Python program
        }
        collector.collect(2);
    }

    @Benchmark
    public long fullCollection() {
        return collector.collect(2);
    }
}
