package dev.shadowheap.model.gc.scenario;

import dev.shadowheap.model.gc.scenario.Scenario.ClassDef;
import dev.shadowheap.model.gc.scenario.Scenario.Op;
import java.util.List;

/**
 * Turns a {@link Scenario} into a straight-line Python program whose output lines have the same form
 * as {@link ModelRunner}'s.
 *
 * <h2>Keeping CPython's own allocations out of the numbers</h2>
 * <ul>
 *   <li>Everything the harness needs (classes, record arrays, callbacks, the keep list) exists before
 *       {@code gc.freeze()}, so the generations hold only scenario objects, and the frozen objects count
 *       as external references just as host-held ones do in the model.</li>
 *   <li>Records are ints written into a preallocated list: no GC allocation while running.</li>
 *   <li>Locals are module globals {@code v_<name>}, all bound before the freeze so that no dict grows.</li>
 *   <li>A full collection empties CPython's free lists, after which the first tuple/dict/list of a kind
 *       is a real GC allocation. The collection callback therefore refills them (creating and dropping
 *       a few) and then reads {@code gc.get_count()[0]}: whatever it reads is what the interpreter
 *       itself allocated since the collection reset the count (callback info dict, argument tuples,
 *       3.8 frames, the refill). The program prints it as {@code noise gc <k> <n>} and the model replays
 *       that number after its k-th collection. A {@code count} record also measures the allocation its
 *       own result tuple caused ({@code noise count}). Nothing is hard-coded on the Java side.</li>
 *   <li>Finalizer and callback code runs once before the freeze, so 3.8's per-code-object frame is
 *       already there when the scenario runs.</li>
 * </ul>
 */
public final class PythonProgram {

    private static final int TAG_GC = 1;
    private static final int TAG_COUNT = 2;
    private static final int TAG_COLLECT = 3;
    private static final int TAG_STATS = 4;
    private static final int TAG_GARBAGE = 5;
    private static final int TAG_FINCALLS = 6;
    private static final int TAG_WRCALLS = 7;
    private static final int TAG_ALIVE = 8;
    private static final int TAG_OBJECTS = 9;
    private static final int TAG_FREEZECOUNT = 10;

    private final StringBuilder out = new StringBuilder();
    private int keepBase;

    public static String generate(Scenario scenario, int recordCapacity) {
        return new PythonProgram().write(scenario, recordCapacity);
    }

    private String write(Scenario scenario, int recordCapacity) {
        line(0, "import gc, sys, os, weakref, tempfile");
        line(0, "print('version', sys.version.split()[0])");
        line(0, "_saved_err = os.dup(2)");
        line(0, "_errf = tempfile.TemporaryFile()");
        line(0, "sys.stderr.flush()");
        line(0, "os.dup2(_errf.fileno(), 2)");
        if (scenario.needsLegacyFinalizers()) {
            line(0, "import _testcapi");
        }
        line(0, "FIN = [0]; WCB = [0]; RES = []");
        line(0, "R = [0] * " + recordCapacity);
        line(0, "ri = 0; OP = 0; IT = 0; REC = False; BASEFROZEN = 0");
        line(0, "K = [None] * " + Math.max(1, scenario.keepCapacity()));
        line(0, "CNAMES = {}");
        for (ClassDef c : scenario.classes().values()) {
            writeClass(c);
        }
        for (String local : scenario.locals()) {
            line(0, "v_" + local + " = None");
        }
        line(0, "_g = None; _c = None; _n = 0; _s = None; i = 0");
        line(0, "def wcb(ref):");
        line(1, "WCB[0] += 1");
        line(0, "def cb(phase, info):");
        line(1, "global ri");
        line(1, "if phase == 'stop' and REC:");
        line(2, "R[ri] = " + TAG_GC + "; R[ri+1] = OP; R[ri+2] = IT; R[ri+3] = info['generation']; "
                + "R[ri+4] = info['collected']; R[ri+5] = info['uncollectable']");
        line(2, "refill()");
        line(2, "R[ri+6] = gc.get_count()[0]");
        line(2, "ri += 7");
        // Refilling the free lists a full collection emptied: tuples of 1-3 items, dicts, lists.
        line(0, "def refill():");
        line(1, "a = (OP,); b = (OP, OP); c = (OP, OP, OP); d = (OP, OP, OP); e = (OP, OP, OP)");
        line(1, "f = {}; g = {}; h = {}; j = {}; k = {}; l = []; m = []");
        line(1, "a = b = c = d = e = f = g = h = j = k = l = m = None");
        // Warm-up: run every function once (3.8 keeps one frame per code object).
        line(0, "wcb(None); WCB[0] = 0");
        line(0, "refill()");
        for (ClassDef c : scenario.classes().values()) {
            if (!c.finalizer().equals("none")) {
                line(0, "_w = " + c.name() + "(); _w = None");
            }
        }
        line(0, "FIN[0] = 0; RES.clear()");
        line(0, "gc.callbacks.append(cb)");
        line(0, "gc.collect()");
        // Stats are cumulative since start-up: the program reports them relative to this point.
        line(0, "_s = gc.get_stats(); S0 = [_s[g][k] for g in range(3) for k in ('collections', 'collected', 'uncollectable')]; _s = None");
        line(0, "refill(); refill()");
        // Freezing last: it zeroes generation 0's count after all set-up allocations.
        line(0, "gc.freeze()");
        line(0, "BASEFROZEN = gc.get_freeze_count()");
        line(0, "REC = True");
        for (Op op : scenario.ops()) {
            line(0, "OP = " + op.index());
            writeOp(op, 0);
        }
        line(0, "REC = False");
        line(0, "gc.disable()");
        writeDecoder();
        return out.toString();
    }

    private void writeClass(ClassDef c) {
        if (c.finalizer().equals("legacy")) {
            line(0, "@_testcapi.with_tp_del");
        }
        line(0, "class " + c.name() + ":");
        StringBuilder slots = new StringBuilder("__slots__ = (");
        for (String slot : c.slots()) {
            slots.append("'").append(slot).append("', ");
        }
        slots.append("'__weakref__')");
        line(1, slots.toString());
        line(1, "_cid = " + c.index());
        switch (c.finalizer()) {
            case "fin" -> {
                line(1, "def __del__(self):");
                line(2, "FIN[0] += 1");
            }
            case "resurrect" -> {
                line(1, "def __del__(self):");
                line(2, "FIN[0] += 1");
                line(2, "RES.append(self)");
            }
            case "legacy" -> {
                line(1, "def __tp_del__(self):");
                line(2, "FIN[0] += 1");
            }
            default -> { }
        }
        line(0, "CNAMES[" + c.index() + "] = '" + c.name() + "'");
    }

    private void writeOp(Op op, int indent) {
        switch (op.kind()) {
            case "repeat" -> {
                line(indent, "for i in range(" + op.count() + "):");
                line(indent + 1, "IT = i");
                int base = keepBase;
                int keeps = 0;
                for (Op body : op.body()) {
                    if (body.kind().equals("keep")) {
                        line(indent + 1, "K[" + (base + keeps) + " + i * " + countKeeps(op.body()) + "] = "
                                + body.arg(0) + "()");
                        keeps++;
                    } else {
                        writeOp(body, indent + 1);
                    }
                }
                keepBase += keeps * op.count();
                line(indent, "IT = 0");
            }
            case "keep" -> line(indent, "K[" + (keepBase++) + "] = " + op.arg(0) + "()");
            case "new" -> line(indent, "v_" + op.arg(0) + " = " + op.arg(1) + "()");
            case "set" -> line(indent, "v_" + op.arg(0) + "." + op.arg(1) + " = " + value(op.arg(2)));
            case "del" -> line(indent, "v_" + op.arg(0) + " = None");
            case "weakref" -> line(indent, "v_" + op.arg(0) + " = weakref.ref(v_" + op.arg(1)
                    + (op.args().size() > 2 && op.arg(2).equals("cb") ? ", wcb)" : ")"));
            case "collect" -> record(indent, TAG_COLLECT, "gc.collect(" + (op.args().isEmpty() ? "" : op.arg(0)) + ")");
            case "count" -> {
                line(indent, "_c = gc.get_count(); _n = gc.get_count()[0] - _c[0]");
                line(indent, "R[ri] = " + TAG_COUNT + "; R[ri+1] = OP; R[ri+2] = IT; R[ri+3] = _c[0]; R[ri+4] = _c[1]; "
                        + "R[ri+5] = _c[2]; R[ri+6] = _n; ri += 7; _c = None");
            }
            case "stats" -> {
                line(indent, "_s = gc.get_stats()");
                StringBuilder b = new StringBuilder("R[ri] = " + TAG_STATS + "; R[ri+1] = OP; R[ri+2] = IT");
                int k = 3;
                for (int g = 0; g < 3; g++) {
                    for (String key : List.of("collections", "collected", "uncollectable")) {
                        b.append("; R[ri+").append(k).append("] = _s[").append(g).append("]['").append(key).append("'] - S0[")
                                .append(k - 3).append("]");
                        k++;
                    }
                }
                line(indent, b + "; ri += 12; _s = None");
            }
            case "threshold" -> line(indent, "gc.set_threshold(" + String.join(", ", op.args()) + ")");
            case "enable", "disable", "freeze", "unfreeze" -> line(indent, "gc." + op.kind() + "()");
            case "debug" -> line(indent, "gc.set_debug(" + op.arg(0) + ")");
            case "cleargarbage" -> line(indent, "gc.garbage.clear()");
            case "unresurrect" -> line(indent, "RES.clear()");
            case "freezecount" -> record(indent, TAG_FREEZECOUNT, "gc.get_freeze_count() - BASEFROZEN");
            case "fincalls" -> record(indent, TAG_FINCALLS, "FIN[0]");
            case "wrcalls" -> record(indent, TAG_WRCALLS, "WCB[0]");
            case "alive" -> record(indent, TAG_ALIVE, "0 if v_" + op.arg(0) + "() is None else 1");
            case "objects" -> record(indent, TAG_OBJECTS, "len(gc.get_objects(" + op.arg(0) + "))");
            case "garbage" -> {
                record(indent, TAG_GARBAGE, "len(gc.garbage)");
                line(indent, "for _g in gc.garbage:");
                line(indent + 1, "R[ri] = _g._cid; ri += 1");
                line(indent, "_g = None");
            }
            default -> throw new IllegalArgumentException("no Python for " + op.kind());
        }
    }

    private static int countKeeps(List<Op> body) {
        return (int) body.stream().filter(b -> b.kind().equals("keep")).count();
    }

    private void record(int indent, int tag, String expression) {
        // The value first: evaluating it may run a collection whose callback writes records too.
        line(indent, "_n = " + expression);
        line(indent, "R[ri] = " + tag + "; R[ri+1] = OP; R[ri+2] = IT; R[ri+3] = _n; ri += 4");
    }

    private static String value(String local) {
        return local.equals("None") ? "None" : "v_" + local;
    }

    private void writeDecoder() {
        line(0, "sys.stderr.flush()");
        line(0, "os.dup2(_saved_err, 2)");
        line(0, "i = 0; ngc = 0; ncount = 0");
        line(0, "while i < ri:");
        line(1, "t, op, it = R[i], R[i+1], R[i+2]");
        line(1, "if t == " + TAG_GC + ":");
        line(2, "print('gc', op, it, R[i+3], R[i+4], R[i+5]); print('noise gc', ngc, R[i+6]); ngc += 1; i += 7");
        line(1, "elif t == " + TAG_COUNT + ":");
        line(2, "print('count', op, it, R[i+3], R[i+4], R[i+5]); print('noise count', ncount, R[i+6]); ncount += 1; i += 7");
        line(1, "elif t == " + TAG_STATS + ":");
        line(2, "print('stats', op, it, *R[i+3:i+12]); i += 12");
        line(1, "elif t == " + TAG_GARBAGE + ":");
        line(2, "n = R[i+3]; print('garbage', op, it, n, *sorted(CNAMES[c] for c in R[i+4:i+4+n])); i += 4 + n");
        line(1, "else:");
        line(2, "names = {" + TAG_COLLECT + ": 'collect', " + TAG_FINCALLS + ": 'fincalls', " + TAG_WRCALLS + ": 'wrcalls', "
                + TAG_ALIVE + ": 'alive', " + TAG_OBJECTS + ": 'objects', " + TAG_FREEZECOUNT + ": 'freezecount'}");
        line(2, "print(names[t], op, it, R[i+3]); i += 4");
        line(0, "_errf.seek(0)");
        line(0, "for raw in _errf.read().decode('utf-8', 'replace').splitlines():");
        line(1, "if raw.startswith('gc: objects in permanent generation: '):");
        line(2, "raw = 'gc: objects in permanent generation: %d' % (int(raw.rsplit(': ', 1)[1]) - BASEFROZEN)");
        line(1, "if raw.startswith('gc: '):");
        line(2, "print('dbg', raw)");
        line(1, "else:");
        line(2, "print(raw, file=sys.stderr)");
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }
}
