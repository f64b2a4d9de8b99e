package dev.shadowheap.analysis;

import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects leak analysis over many batches of leaked objects (for example each set the cycle
 * collector finds unreachable), keeping only what reports need, so the heap may free the objects
 * as soon as {@link #add} returns: a batch is copied out of the heap when added and analysed later, outside
 * the heap's lock.
 *
 * <p>Per batch: the strongly connected components of the leaked subgraph (edges are slots whose
 * target is also in the batch), the shape of each cyclic one ({@link CycleShapes}), hangers-on
 * attributed to their nearest cycle ({@link HangerOns}), and the minimal cyclic label sets the
 * weak-field suggestion is later computed from ({@link CyclicLabelSets}, {@link WeakFieldSolver}).
 * Thread-safe; work per batch is linear in the batch's size, except for shapes and label sets, which
 * are bounded as their classes document. Batches arrive from inside a collection, under the heap's lock, which every
 * allocating thread of the program waits for; analysing them there cost PMD 0.1-1 s of that lock per batch.
 */
public final class LeakAccumulator {

    /** Allocation sites listed per cycle group. */
    public static final int TOP_SITES = 5;
    /** Leaked objects kept as copies awaiting analysis before {@link #add} analyses them itself. */
    private static final long MAX_PENDING_NODES = 1 << 22;
    /**
     * Edge and node visits the label-set search may take over all batches, beyond which only cheap components (see
     * {@link CyclicLabelSets#cheap}) are still searched and the weak-field suggestion is marked inexact. Each large
     * component has a budget of its own, but a program that leaks thousands of them (Jython's dictionaries of 4,000
     * objects and a dozen labels each) spent 13 s of a 53 s run here, on a thread that competes with the program.
     */
    static final long LABEL_SET_BUDGET = 1_000_000_000L;
    /** Distinct small components remembered with their shape; beyond this many, new ones are analysed each time. */
    static final int MAX_ANALYSED_COMPONENTS = 1 << 14;

    /** Batches added and not analysed yet, oldest first; its own monitor guards it. */
    private final ArrayDeque<PendingBatch> pending = new ArrayDeque<>();
    private long pendingNodes;
    private final EdgeLabels labels = new EdgeLabels();
    private final Map<String, GroupTally> groups = new HashMap<>();
    private final Set<BitSet> cyclicLabelSets = new LinkedHashSet<>();
    /** Shapes of small components analysed already, by their exact labelled graph (see {@link ComponentKey}). */
    private final Map<ComponentKey, String> analysedComponents = new HashMap<>();
    private final int maxAnalysedComponents;
    /** Cyclic components whose shape and label sets came from {@link #analysedComponents}. */
    private long componentsReused;
    private long[] internalEdges = new long[16];
    /** Scratch for the label-set search, one entry per label: see {@link CyclicLabelSets#of}. */
    private boolean[] removedLabels = new boolean[16];
    private boolean labelSetsComplete = true;
    private final long labelSetBudget;
    private long labelSetWork;
    private long batches;
    private long leakedObjects;
    private long leakedBytes;
    private long cycleObjects;
    private long hangerOnObjects;
    private long unattributedObjects;
    private long unattributedBytes;

    public LeakAccumulator() {
        this(LABEL_SET_BUDGET);
    }

    /** @param labelSetBudget edge and node visits the label-set search may take over all batches */
    LeakAccumulator(long labelSetBudget) {
        this(labelSetBudget, MAX_ANALYSED_COMPONENTS);
    }

    /** @param maxAnalysedComponents distinct small components remembered with their analysis (0: none, for tests) */
    LeakAccumulator(long labelSetBudget, int maxAnalysedComponents) {
        this.labelSetBudget = labelSetBudget;
        this.maxAnalysedComponents = maxAnalysedComponents;
    }

    /**
     * Records one batch. Every id must be a live shadow object, neither host-held nor pinned, listed
     * once; otherwise an {@link IllegalArgumentException} names the offending id and nothing of the
     * batch is recorded. Takes the heap's structural lock while copying the batch out of it; the analysis
     * waits for {@link #analyzePending} or {@link #snapshot}, so that a caller holding that lock (the collector,
     * whose lock every allocating thread needs) is not held up by it.
     */
    public void add(ShadowHeap heap, int[] leakedIds) {
        LeakGraph graph = LeakGraph.read(heap, leakedIds);
        boolean backlog;
        synchronized (pending) {
            pending.add(new PendingBatch(heap, graph));
            pendingNodes += graph.nodeCount();
            backlog = pendingNodes > MAX_PENDING_NODES;
        }
        if (backlog) {
            analyzePending(); // a host that seldom asks: bound the copies kept
        }
    }

    /**
     * Analyses the batches added since the last call. A host calls it where it holds no lock of the heap (the
     * agent: after each collection it schedules); {@link #snapshot} calls it too.
     */
    public synchronized void analyzePending() {
        while (true) {
            PendingBatch next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return;
                }
                next = pending.poll();
                pendingNodes -= next.graph.nodeCount();
            }
            analyze(next.heap, next.graph);
        }
    }

    /** Cyclic components analysed so far whose shape and label sets were those of one analysed before. */
    synchronized long componentsReused() {
        return componentsReused;
    }

    /** A batch copied out of its heap, not analysed yet. */
    private record PendingBatch(ShadowHeap heap, LeakGraph graph) {
    }

    private void analyze(ShadowHeap heap, LeakGraph graph) {
        graph.label(heap, labels);
        StronglyConnected scc = StronglyConnected.of(graph);
        if (internalEdges.length < labels.size()) {
            internalEdges = java.util.Arrays.copyOf(internalEdges, Math.max(labels.size(), internalEdges.length * 2));
            removedLabels = new boolean[internalEdges.length];
        }
        String[] siteNames = new String[heap.sites().size()];
        GroupTally[] groupOf = new GroupTally[scc.componentCount()];
        int[] localIndex = new int[graph.nodeCount()];
        for (int c = 0; c < scc.componentCount(); c++) {
            if (!scc.cyclic[c]) {
                continue;
            }
            ComponentGraph cg = ComponentGraph.of(graph, scc, c, localIndex);
            ComponentKey key = ComponentKey.of(cg);
            String shape = key == null ? null : analysedComponents.get(key);
            boolean analysedBefore = shape != null;
            if (!analysedBefore) {
                shape = CycleShapes.shapeOf(cg, graph, labels, heap.classes());
                if (key != null && analysedComponents.size() < maxAnalysedComponents) {
                    analysedComponents.put(key, shape);
                }
            }
            GroupTally tally = groups.computeIfAbsent(shape, GroupTally::new);
            groupOf[c] = tally;
            tally.cycles++;
            for (int v : cg.nodes) {
                tally.objects++;
                tally.bytes += graph.sizes[v];
                int site = graph.siteIds[v];
                if (siteNames[site] == null) {
                    siteNames[site] = heap.sites().get(site);
                }
                tally.sites.computeIfAbsent(siteNames[site], k -> new long[1])[0]++;
            }
            for (int label : cg.outLabel) {
                internalEdges[label]++;
            }
            if (analysedBefore) {
                componentsReused++; // its label sets are in cyclicLabelSets already, or were left out the same way
            } else if (labelSetWork <= labelSetBudget || CyclicLabelSets.cheap(cg)) {
                CyclicLabelSets sets = CyclicLabelSets.of(cg, removedLabels);
                labelSetWork += sets.work;
                cyclicLabelSets.addAll(sets.sets);
                labelSetsComplete &= sets.complete;
            } else {
                labelSetsComplete = false; // the run's search budget is spent: this component's cycles go unbroken
            }
            cycleObjects += cg.size();
        }
        int[] owners = HangerOns.owners(graph, scc);
        for (int v = 0; v < graph.nodeCount(); v++) {
            int size = graph.sizes[v];
            leakedBytes += size;
            if (scc.cyclic[scc.componentOf[v]]) {
                continue;
            }
            if (owners[v] < 0) {
                unattributedObjects++;
                unattributedBytes += size;
            } else {
                GroupTally tally = groupOf[owners[v]];
                tally.hangersOn++;
                tally.hangerOnBytes += size;
                hangerOnObjects++;
            }
        }
        leakedObjects += graph.nodeCount();
        batches++;
    }

    /** An immutable analysis of everything added so far. */
    public synchronized LeakAnalysis snapshot() {
        analyzePending();
        List<CycleGroup> result = new ArrayList<>(groups.size());
        for (GroupTally tally : groups.values()) {
            result.add(tally.toGroup());
        }
        result.sort(Comparator.comparingLong(CycleGroup::bytes).reversed()
                .thenComparing(Comparator.comparingLong(CycleGroup::totalBytes).reversed())
                .thenComparing(CycleGroup::shape));
        WeakFieldSuggestion weak = WeakFieldSolver.solve(cyclicLabelSets, internalEdges, labels, labelSetsComplete);
        return new LeakAnalysis(batches, leakedObjects, leakedBytes, cycleObjects, hangerOnObjects,
                unattributedObjects, unattributedBytes, result, weak);
    }

    /** Running totals of one shape. */
    private static final class GroupTally {
        final String shape;
        final Map<String, long[]> sites = new HashMap<>();
        long cycles;
        long objects;
        long bytes;
        long hangersOn;
        long hangerOnBytes;

        GroupTally(String shape) {
            this.shape = shape;
        }

        CycleGroup toGroup() {
            List<SiteCount> top = sites.entrySet().stream()
                    .map(entry -> new SiteCount(entry.getKey(), entry.getValue()[0]))
                    .sorted(Comparator.comparingLong(SiteCount::count).reversed().thenComparing(SiteCount::site))
                    .limit(TOP_SITES)
                    .toList();
            return new CycleGroup(shape, cycles, objects, bytes, hangersOn, hangerOnBytes, top);
        }
    }
}
