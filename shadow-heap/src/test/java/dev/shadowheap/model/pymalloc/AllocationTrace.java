package dev.shadowheap.model.pymalloc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One allocation trace, the single description that drives both real CPython (written out for
 * {@code trace_runner.py}) and the model ({@link #replay}): allocate {@code size} bytes into a slot,
 * free a slot, take a snapshot.
 */
final class AllocationTrace {

    private static final byte ALLOC = 0;
    private static final byte FREE = 1;
    private static final byte SNAPSHOT = 2;

    private byte[] ops = new byte[1024];
    private int[] args = new int[1024];   // slot for alloc/free, label index for snapshots
    private int[] sizes = new int[1024];
    private int length;
    private int slotCount;
    private final List<String> labels = new ArrayList<>();
    private final String name;

    AllocationTrace(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    AllocationTrace alloc(int slot, int size) {
        return add(ALLOC, slot, size);
    }

    AllocationTrace free(int slot) {
        return add(FREE, slot, 0);
    }

    AllocationTrace snapshot(String label) {
        if (!label.matches("[A-Za-z0-9_.-]+") || labels.contains(label)) {
            throw new IllegalArgumentException("snapshot label must be a unique word: " + label);
        }
        labels.add(label);
        return add(SNAPSHOT, labels.size() - 1, 0);
    }

    private AllocationTrace add(byte op, int arg, int size) {
        if (length == ops.length) {
            ops = Arrays.copyOf(ops, length * 2);
            args = Arrays.copyOf(args, length * 2);
            sizes = Arrays.copyOf(sizes, length * 2);
        }
        ops[length] = op;
        args[length] = arg;
        sizes[length] = size;
        length++;
        if (op != SNAPSHOT) {
            slotCount = Math.max(slotCount, arg + 1);
        }
        return this;
    }

    List<String> labels() {
        return List.copyOf(labels);
    }

    /** The size classes of the trace's small requests. */
    SortedSet<Integer> sizeClasses() {
        SortedSet<Integer> classes = new TreeSet<>();
        for (int i = 0; i < length; i++) {
            if (ops[i] == ALLOC && PymallocGeometry.isSmallRequest(sizes[i])) {
                classes.add(PymallocGeometry.sizeClassOf(sizes[i]));
            }
        }
        return classes;
    }

    void writeTo(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("# trace " + name + "\n");
            for (int i = 0; i < length; i++) {
                switch (ops[i]) {
                    case ALLOC -> out.write("a " + args[i] + " " + sizes[i] + "\n");
                    case FREE -> out.write("f " + args[i] + "\n");
                    default -> out.write("s " + labels.get(args[i]) + "\n");
                }
            }
        }
    }

    /** Runs the trace on the model; the statistics at each snapshot, by label, in trace order. */
    Map<String, PymallocStats> replay(Pymalloc model) {
        long[] handles = new long[slotCount];
        Map<String, PymallocStats> snapshots = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            int slot = args[i];
            switch (ops[i]) {
                case ALLOC -> {
                    model.free(handles[slot]); // an occupied slot is overwritten: CPython frees the old object
                    handles[slot] = model.malloc(sizes[i]);
                }
                case FREE -> {
                    model.free(handles[slot]);
                    handles[slot] = 0;
                }
                default -> snapshots.put(labels.get(slot), model.stats());
            }
        }
        return snapshots;
    }
}
