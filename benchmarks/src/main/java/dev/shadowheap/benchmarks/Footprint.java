package dev.shadowheap.benchmarks;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import java.util.Locale;

/**
 * Shadow bytes per object and per edge: builds graphs of one million objects with 0 and with 2 reference slots and
 * reports the shadow's own storage divided out. Storage is counted from the arrays the heap allocated
 * ({@link ShadowHeap#storageBytes()}); run {@code java -cp benchmarks.jar dev.shadowheap.benchmarks.Footprint}.
 */
public final class Footprint {

    private Footprint() {
    }

    /** Storage of {@code objects} objects with {@code slots} slots each, every slot holding an edge. */
    static long storage(int objects, int slots) {
        ShadowHeap heap = new ShadowHeap();
        String[] names = new String[slots];
        for (int i = 0; i < slots; i++) {
            names[i] = "f" + i;
        }
        int cls = heap.classes().registerInstanceClass("bench.N" + slots, names, slots > 0,
                ShadowClass.Finalizer.NONE).id();
        int[] ids = new int[objects];
        for (int i = 0; i < objects; i++) {
            ids[i] = heap.allocate(cls, 16 + 8 * slots, SiteTable.UNKNOWN);
        }
        for (int i = 0; i < objects; i++) {
            for (int s = 0; s < slots; s++) {
                heap.store(ids[i], s, ids[(i + s + 1) % objects]);
            }
        }
        return heap.storageBytes();
    }

    public static void main(String[] args) {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long empty = storage(1, 0);
        long leaves = storage(objects, 0) - empty;
        long pairs = storage(objects, 2) - empty;
        double perObject = (double) leaves / objects;
        double perEdge = (double) (pairs - leaves) / (2.0 * objects);
        System.out.printf(Locale.ROOT, "objects: %d%nfixed overhead: %d bytes%nper object: %.1f bytes%nper edge: %.1f bytes%n",
                objects, empty, perObject, perEdge);
    }
}
