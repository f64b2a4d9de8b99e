package dev.shadowheap.model.gc.scenario;

import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.heap.SiteTable;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.model.gc.CycleCollector;
import dev.shadowheap.model.gc.GcCallback;
import dev.shadowheap.model.gc.GenerationStats;
import dev.shadowheap.model.gc.scenario.Scenario.ClassDef;
import dev.shadowheap.model.gc.scenario.Scenario.Op;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a {@link Scenario} on the model and writes the same lines the generated Python program prints.
 *
 * <p>Python locals are host references: an object bound to at least one local is host-held; when the
 * last local lets go, the runner calls {@link ShadowHeap#hostReleased}. Objects in the keep list stay
 * host-held. The runner calls {@link CycleCollector#safepoint()} right after every allocation, where
 * CPython 3.12+ checks the eval breaker (at the end of the CALL that allocated, before the result is
 * stored). Resurrection stores the object into a pinned, untracked holder, as the Python program
 * appends it to a frozen list.
 */
public final class ModelRunner {

    private static final int RESURRECTION_CAPACITY = 4096;

    private final Scenario scenario;
    private final ShadowHeap heap = new ShadowHeap();
    private final CycleCollector collector;
    private final Map<String, ShadowClass> classes = new HashMap<>();
    private final ShadowClass weakRefClass;
    private final int resurrectionHolder;
    private final Map<String, Integer> locals = new HashMap<>();
    private final Map<Integer, Integer> hostRefs = new HashMap<>();
    private final List<Integer> gcNoise;
    private final List<Integer> countNoise;
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream debugBytes = new ByteArrayOutputStream();
    private int resurrected;
    private int finalizerCalls;
    private int weakRefCallbacks;
    private int collections;
    private int counts;
    private int op;
    private int iteration;

    /**
     * @param gcNoise allocations the real interpreter made after its k-th collection (from its
     *                {@code noise gc} lines), replayed after the model's k-th collection
     * @param countNoise the same for the k-th {@code count} record
     */
    public ModelRunner(Scenario scenario, CPythonProfile profile, List<Integer> gcNoise, List<Integer> countNoise) {
        this.scenario = scenario;
        this.gcNoise = gcNoise;
        this.countNoise = countNoise;
        for (ClassDef c : scenario.classes().values()) {
            ShadowClass.Finalizer kind = switch (c.finalizer()) {
                case "fin", "resurrect" -> ShadowClass.Finalizer.FINALIZE;
                case "legacy" -> ShadowClass.Finalizer.LEGACY;
                default -> ShadowClass.Finalizer.NONE;
            };
            classes.put(c.name(), heap.classes().registerInstanceClass(c.name(), c.slots().toArray(String[]::new),
                    true, kind));
        }
        weakRefClass = heap.classes().registerInstanceClass("weakref", new String[0], true, ShadowClass.Finalizer.NONE);
        String[] holderSlots = new String[RESURRECTION_CAPACITY];
        Arrays.setAll(holderSlots, i -> "r" + i);
        ShadowClass holder = heap.classes().registerInstanceClass("RES", holderSlots, false, ShadowClass.Finalizer.NONE);
        resurrectionHolder = heap.allocatePinned(holder.id(), 0, SiteTable.UNKNOWN);
        collector = CycleCollector.attach(heap, profile);
        collector.setDebugOutput(new PrintStream(debugBytes, true, StandardCharsets.UTF_8));
        collector.setFinalizerAction((h, id) -> {
            finalizerCalls++;
            if (classOf(h.shadowClass(id).name()).finalizer().equals("resurrect")) {
                h.store(resurrectionHolder, resurrected++, id);
            }
        });
        collector.addCallback((phase, info) -> {
            if (phase == GcCallback.Phase.STOP) {
                lines.add("gc " + op + " " + iteration + " " + info.generation() + " " + info.collected() + " "
                        + info.uncollectable());
                int k = collections++;
                collector.countUnmodelledAllocations(k < gcNoise.size() ? gcNoise.get(k) : 0);
            }
        });
    }

    private ClassDef classOf(String name) {
        return scenario.classes().get(name);
    }

    public CycleCollector collector() {
        return collector;
    }

    public ShadowHeap heap() {
        return heap;
    }

    /** Runs the scenario; returns the record lines followed by the DEBUG output lines ({@code dbg ...}). */
    public List<String> run() {
        for (Op top : scenario.ops()) {
            op = top.index();
            iteration = 0;
            if (top.kind().equals("repeat")) {
                for (int i = 0; i < top.count(); i++) {
                    iteration = i;
                    for (Op body : top.body()) {
                        execute(body);
                    }
                }
                iteration = 0;
            } else {
                execute(top);
            }
        }
        List<String> result = new ArrayList<>(lines);
        for (String debugLine : debugBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!debugLine.isEmpty()) {
                result.add("dbg " + debugLine);
            }
        }
        return result;
    }

    private void execute(Op o) {
        switch (o.kind()) {
            case "new" -> bind(o.arg(0), allocate(classes.get(o.arg(1))));
            case "keep" -> allocate(classes.get(o.arg(0)));
            case "set" -> heap.store(local(o.arg(0)), slotIndex(o.arg(0), o.arg(1)),
                    o.arg(2).equals("None") ? ShadowHeap.NULL : local(o.arg(2)));
            case "del" -> bind(o.arg(0), ShadowHeap.NULL);
            case "weakref" -> {
                int wr = allocate(weakRefClass);
                boolean withCallback = o.args().size() > 2 && o.arg(2).equals("cb");
                collector.registerWeakRef(wr, local(o.arg(1)), withCallback ? (h, w) -> weakRefCallbacks++ : null);
                bind(o.arg(0), wr);
            }
            case "collect" -> record("collect", collector.collect(o.args().isEmpty() ? 2 : Integer.parseInt(o.arg(0))));
            case "count" -> {
                int[] c = collector.getCount();
                lines.add("count " + op + " " + iteration + " " + c[0] + " " + c[1] + " " + c[2]);
                int k = counts++;
                collector.countUnmodelledAllocations(k < countNoise.size() ? countNoise.get(k) : 0);
            }
            case "stats" -> {
                StringBuilder b = new StringBuilder("stats " + op + " " + iteration);
                for (GenerationStats s : collector.getStats()) {
                    b.append(' ').append(s.collections()).append(' ').append(s.collected()).append(' ').append(s.uncollectable());
                }
                lines.add(b.toString());
            }
            case "threshold" -> collector.setThreshold(o.args().stream().mapToInt(Integer::parseInt).toArray());
            case "enable" -> collector.enable();
            case "disable" -> collector.disable();
            case "freeze" -> collector.freeze();
            case "unfreeze" -> collector.unfreeze();
            case "freezecount" -> record("freezecount", collector.getFreezeCount());
            case "debug" -> collector.setDebug(Integer.parseInt(o.arg(0)));
            case "cleargarbage" -> collector.clearGarbage();
            case "unresurrect" -> {
                for (int i = resurrected - 1; i >= 0; i--) {
                    heap.store(resurrectionHolder, i, ShadowHeap.NULL);
                }
                resurrected = 0;
            }
            case "fincalls" -> record("fincalls", finalizerCalls);
            case "wrcalls" -> record("wrcalls", weakRefCallbacks);
            case "alive" -> record("alive", collector.weakRefTarget(local(o.arg(0))) != ShadowHeap.NULL ? 1 : 0);
            case "objects" -> record("objects", collector.getObjects(Integer.parseInt(o.arg(0))).length);
            case "garbage" -> {
                int[] garbage = collector.garbage();
                List<String> names = new ArrayList<>();
                for (int id : garbage) {
                    names.add(heap.shadowClass(id).name());
                }
                names.sort(null);
                lines.add(("garbage " + op + " " + iteration + " " + garbage.length + " " + String.join(" ", names)).trim());
            }
            default -> throw new IllegalArgumentException("model cannot run " + o.kind());
        }
    }

    private int allocate(ShadowClass shadowClass) {
        int id = heap.allocate(shadowClass.id(), 16, SiteTable.UNKNOWN);
        collector.safepoint();
        return id;
    }

    private void bind(String local, int id) {
        if (id != ShadowHeap.NULL) {
            hostRefs.merge(id, 1, Integer::sum); // the new value is held before the old one is let go
        }
        Integer old = locals.put(local, id);
        if (old != null && old != ShadowHeap.NULL) {
            int left = hostRefs.merge(old, -1, Integer::sum);
            if (left == 0) {
                hostRefs.remove(old);
                heap.hostReleased(old);
            }
        }
    }

    private int local(String name) {
        Integer id = locals.get(name);
        if (id == null || id == ShadowHeap.NULL) {
            throw new IllegalStateException("local " + name + " is None");
        }
        return id;
    }

    private int slotIndex(String local, String slot) {
        int index = heap.shadowClass(local(local)).slotNames().indexOf(slot);
        if (index < 0) {
            throw new IllegalArgumentException("no slot " + slot + " in " + heap.shadowClass(local(local)).name());
        }
        return index;
    }

    private void record(String what, long value) {
        lines.add(what + " " + op + " " + iteration + " " + value);
    }
}
