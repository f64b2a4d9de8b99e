package dev.shadowheap.agent;

import dev.shadowheap.agent.track.AgentCounters;
import dev.shadowheap.agent.track.EdgeAuditor;
import dev.shadowheap.heap.ShadowClass;
import dev.shadowheap.heap.ShadowHeap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exit step's output for now: a compact summary on stderr and, with {@code out=}, a JSON file.
 * It receives the populated heap, the leaked ids (objects the JVM freed that reference counting alone
 * would keep) and the agent's counters; the full leak analysis and report writers plug in here later.
 */
public final class ExitReport {

    /** Audit totals: the periodic samples taken while the program ran, and the full audit at exit. */
    public record Audits(EdgeAuditor.Result periodic, EdgeAuditor.Result atExit) {
    }

    /** Failures of the agent itself: in hooks (counted, never propagated) and in rewriting classes. */
    public record Failures(long hookErrors, Throwable firstHookError, Collection<String> rewriteFailures) {
    }

    private static final int TOP_CLASSES = 15;

    private final AgentOptions options;
    private final ShadowHeap heap;
    private final AgentCounters counters;
    private final Audits audits;
    private final Failures failures;
    private final List<ClassTotal> leakedByClass;
    private final long leakedObjects;
    private final long leakedBytes;

    private static final class ClassTotal {
        final String name;
        long objects;
        long bytes;

        ClassTotal(String name) {
            this.name = name;
        }
    }

    public ExitReport(AgentOptions options, ShadowHeap heap, int[] leaked, AgentCounters counters, Audits audits,
            Failures failures) {
        this.options = options;
        this.heap = heap;
        this.counters = counters;
        this.audits = audits;
        this.failures = failures;
        Map<String, ClassTotal> byClass = new LinkedHashMap<>();
        long bytes = 0;
        for (int id : leaked) {
            ShadowClass shadowClass = heap.shadowClass(id);
            ClassTotal total = byClass.computeIfAbsent(shadowClass.name(), ClassTotal::new);
            total.objects++;
            total.bytes += heap.shallowSize(id);
            bytes += heap.shallowSize(id);
        }
        this.leakedObjects = leaked.length;
        this.leakedBytes = bytes;
        this.leakedByClass = new ArrayList<>(byClass.values());
        leakedByClass.sort(Comparator.comparingLong((ClassTotal t) -> -t.objects).thenComparing(t -> t.name));
    }

    /** Writes what the options ask for. */
    public void write(PrintStream err) throws IOException {
        if (options.format() != AgentOptions.Format.JSON) {
            writeText(err);
        }
        if (options.format() != AgentOptions.Format.TEXT) {
            Path out = options.out();
            Files.writeString(out, json());
        }
    }

    void writeText(PrintStream err) {
        StringBuilder text = new StringBuilder();
        text.append("shadowheap: this JVM's heap under CPython ").append(options.profile().version())
                .append(" reference counting\n");
        text.append(String.format("  tracked objects  %d allocated, %d live, %d freed%n",
                heap.allocations(), heap.liveObjects(), heap.frees()));
        text.append(String.format("  stores           %d%n", counters.stores.sum()));
        text.append(String.format("  leaked           %d objects, %d bytes (freed by the JVM, kept alive by reference counts)%n",
                leakedObjects, leakedBytes));
        for (int i = 0; i < Math.min(TOP_CLASSES, leakedByClass.size()); i++) {
            ClassTotal total = leakedByClass.get(i);
            text.append(String.format("    %8d objects %10d bytes  %s%n", total.objects, total.bytes, total.name));
        }
        text.append(String.format("  edge audit       at exit %d objects, %d slots, %d mismatches; periodic %d objects, %d mismatches%n",
                audits.atExit().objects(), audits.atExit().slots(), audits.atExit().mismatches(),
                audits.periodic().objects(), audits.periodic().mismatches()));
        for (String example : audits.atExit().examples()) {
            text.append("    mismatch: ").append(example).append('\n');
        }
        text.append(String.format("  hook errors      %d%s%n", failures.hookErrors(),
                failures.firstHookError() == null ? "" : " (first: " + failures.firstHookError() + ")"));
        text.append(String.format("  blind spots      %d untrackable allocations, %d stores into untracked objects, "
                + "%d untracked targets, %d unmapped stores, %d classes not rewritten%n",
                counters.untrackableAllocations.sum(), counters.untrackedOwnerStores.sum(),
                counters.untrackedTargetStores.sum(), counters.unmappedStores.sum(), counters.rewriteFailures.sum()));
        err.print(text);
        err.flush();
    }

    String json() {
        StringBuilder json = new StringBuilder("{\n");
        field(json, "profile", quote(options.profile().version()));
        field(json, "trackedAllocations", heap.allocations());
        field(json, "liveObjects", heap.liveObjects());
        field(json, "freedObjects", heap.frees());
        field(json, "stores", counters.stores.sum());
        field(json, "deaths", counters.deaths.sum());
        field(json, "leakedObjects", leakedObjects);
        field(json, "leakedBytes", leakedBytes);
        StringBuilder byClass = new StringBuilder("{");
        for (ClassTotal total : leakedByClass) {
            if (byClass.length() > 1) {
                byClass.append(", ");
            }
            byClass.append(quote(total.name)).append(": {\"objects\": ").append(total.objects)
                    .append(", \"bytes\": ").append(total.bytes).append('}');
        }
        field(json, "leakedByClass", byClass.append('}'));
        field(json, "auditAtExit", audit(audits.atExit()));
        field(json, "auditPeriodic", audit(audits.periodic()));
        field(json, "hookErrors", failures.hookErrors());
        field(json, "firstHookError", failures.firstHookError() == null ? "null" : quote(failures.firstHookError().toString()));
        field(json, "classesRewritten", counters.classesRewritten.sum());
        field(json, "rewriteFailures", strings(failures.rewriteFailures()));
        StringBuilder blind = new StringBuilder("{");
        blind.append("\"untrackableAllocations\": ").append(counters.untrackableAllocations.sum())
                .append(", \"storesIntoUntrackedObjects\": ").append(counters.untrackedOwnerStores.sum())
                .append(", \"untrackedTargets\": ").append(counters.untrackedTargetStores.sum())
                .append(", \"unmappedStores\": ").append(counters.unmappedStores.sum())
                .append(", \"classesNotRewritten\": ").append(counters.rewriteFailures.sum())
                .append(", \"agentInternalErrors\": ").append(counters.internalErrors.sum()).append('}');
        json.append("  \"blindSpots\": ").append(blind).append("\n}\n");
        return json.toString();
    }

    private static String audit(EdgeAuditor.Result result) {
        return "{\"objects\": " + result.objects() + ", \"slots\": " + result.slots() + ", \"mismatches\": "
                + result.mismatches() + ", \"examples\": " + strings(result.examples()) + "}";
    }

    private static String strings(Collection<String> values) {
        StringBuilder list = new StringBuilder("[");
        for (String value : values) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append(quote(value));
        }
        return list.append(']').toString();
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append("  ").append(quote(name)).append(": ").append(value).append(",\n");
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': quoted.append("\\\""); break;
                case '\\': quoted.append("\\\\"); break;
                case '\n': quoted.append("\\n"); break;
                case '\r': quoted.append("\\r"); break;
                case '\t': quoted.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
