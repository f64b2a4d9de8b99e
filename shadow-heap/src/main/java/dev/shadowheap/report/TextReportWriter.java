package dev.shadowheap.report;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.analysis.SiteCount;
import dev.shadowheap.analysis.WeakFieldSuggestion;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report printed on stderr at exit: a {@code gc.get_stats()}-like table, the
 * pymalloc summary, the top cycle shapes with their sites, the weak-field fix, blind spots and the
 * edge audit. Numbers use thousands separators and a fixed locale, so the output is the same
 * everywhere.
 */
public final class TextReportWriter {

    /** Cycle shapes listed; the rest are summed in one line. */
    public static final int DEFAULT_TOP_SHAPES = 10;

    private final int topShapes;

    public TextReportWriter() {
        this(DEFAULT_TOP_SHAPES);
    }

    public TextReportWriter(int topShapes) {
        if (topShapes < 1) {
            throw new IllegalArgumentException("topShapes must be at least 1: " + topShapes);
        }
        this.topShapes = topShapes;
    }

    public void write(RunReport report, Appendable out) throws IOException {
        out.append(toText(report));
    }

    public String toText(RunReport report) {
        StringBuilder out = new StringBuilder();
        Tracking tracking = report.tracking();
        out.append("=== shadowheap report: what CPython ").append(report.profile()).append(" would do (")
                .append(report.tool()).append(") ===\n");
        out.append(String.format(Locale.ROOT, "tracked: %,d objects (%s), %,d edges, %,d classes%n",
                tracking.objects(), bytes(tracking.bytes()), tracking.edges(), tracking.classes()));
        writeMode(out, report.mode());
        writeGenerations(out, report);
        writePools(out, report.pools());
        writeLeaks(out, report);
        writeBlindSpots(out, tracking.blindSpots());
        writeAudit(out, report.audit());
        return out.toString();
    }

    /** What was and was not tracked, right under the totals: every figure below covers only this. */
    private static void writeMode(StringBuilder out, TrackingMode mode) {
        if (mode == null) {
            return;
        }
        out.append("mode: ").append(mode.name());
        if (!mode.include().isEmpty()) {
            out.append(", include ").append(String.join(";", mode.include()));
        }
        if (!mode.exclude().isEmpty()) {
            out.append(", exclude ").append(String.join(";", mode.exclude()));
        }
        if (mode.windowSeconds() > 0) {
            out.append(String.format(Locale.ROOT, ", windows of %ss every %ss", seconds(mode.windowSeconds()),
                    seconds(mode.everySeconds())));
        }
        out.append(String.format(Locale.ROOT,
                "%n  %,d window%s, tracked %.1f s of %.1f s (%.1f%%); %,d objects tracked, %,d retired without verdict"
                        + " (live when tracking ended)",
                mode.windows(), mode.windows() == 1 ? "" : "s", mode.trackedSeconds(), mode.runSeconds(),
                100 * mode.trackedShare(), mode.objects(), mode.retiredObjects()));
        out.append('\n');
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void writeGenerations(StringBuilder out, RunReport report) {
        out.append("\ncycle collector (gc.get_stats()):\n");
        out.append(String.format(Locale.ROOT, "  %-10s %15s %15s %15s%n", "generation", "collections", "collected",
                "uncollectable"));
        for (GenerationStats g : report.generations()) {
            out.append(String.format(Locale.ROOT, "  %-10d %,15d %,15d %,15d%n", g.generation(), g.collections(),
                    g.collected(), g.uncollectable()));
        }
    }

    private static void writePools(StringBuilder out, PoolSummary pools) {
        out.append("\npymalloc:");
        if (pools == null) {
            out.append(" not modelled\n");
            return;
        }
        out.append('\n');
        line(out, "# arenas allocated total", pools.arenasAllocatedTotal());
        line(out, "# arenas reclaimed", pools.arenasReclaimed());
        line(out, "# arenas highwater mark", pools.arenasHighwater());
        line(out, "# arenas allocated current", pools.arenasCurrent());
        line(out, "# pools in use", pools.poolsInUse());
        line(out, "# bytes in allocated blocks", pools.bytesInBlocks());
        out.append(String.format(Locale.ROOT, "%-35s=%20.1f%%%n", "fragmentation", pools.fragmentationPercent()));
    }

    /** Same layout as {@code sys._debugmallocstats()}'s value lines: label padded to 35, '=', value in 21. */
    private static void line(StringBuilder out, String label, long value) {
        out.append(String.format(Locale.ROOT, "%-35s=%,21d%n", label, value));
    }

    private void writeLeaks(StringBuilder out, RunReport report) {
        LeakSummary leaks = report.leaks();
        out.append(String.format(Locale.ROOT,
                "%nreference counting alone would leak: %,d objects (%.2f%% of tracked), %s (%.2f%% of tracked bytes)%n",
                leaks.objects(), 100 * report.leakedObjectShare(), bytes(leaks.bytes()),
                100 * report.leakedByteShare()));
        if (leaks.unattributedObjects() > 0) {
            out.append(String.format(Locale.ROOT,
                    "  %,d leaked objects are reached by no leaked cycle: a shadow edge is probably missing%n",
                    leaks.unattributedObjects()));
        }
        if (leaks.groups().isEmpty()) {
            out.append("  no leaked cycles\n");
            return;
        }
        out.append("\nleaked cycle shapes (by bytes):\n");
        int shown = Math.min(topShapes, leaks.groups().size());
        for (int i = 0; i < shown; i++) {
            CycleGroup g = leaks.groups().get(i);
            out.append(String.format(Locale.ROOT, "  %d. %s%n", i + 1, g.shape()));
            out.append(String.format(Locale.ROOT, "     %,d cycles, %,d objects, %s; hangers-on %,d objects, %s%n",
                    g.cycles(), g.objects(), bytes(g.bytes()), g.hangersOn(), bytes(g.hangerOnBytes())));
            for (SiteCount site : g.topSites()) {
                out.append(String.format(Locale.ROOT, "       %,12d x %s%n", site.count(), site.site()));
            }
        }
        if (shown < leaks.groups().size()) {
            long cycles = 0;
            long total = 0;
            for (CycleGroup g : leaks.groups().subList(shown, leaks.groups().size())) {
                cycles += g.cycles();
                total += g.totalBytes();
            }
            out.append(String.format(Locale.ROOT, "  ... %,d more shapes: %,d cycles, %s with hangers-on%n",
                    leaks.groups().size() - shown, cycles, bytes(total)));
        }
        WeakFieldSuggestion weak = leaks.weakFields();
        out.append(String.format(Locale.ROOT, "%nweak-field fix: make %s weak (%s; removes %,d edges inside cycles)%n",
                String.join(", ", weak.labels()), weak.exact() ? "smallest set" : "heuristic, may not be smallest",
                weak.edgesRemoved()));
    }

    private static void writeBlindSpots(StringBuilder out, Map<String, Long> blindSpots) {
        out.append("\nblind spots: ");
        if (blindSpots.isEmpty()) {
            out.append("none recorded\n");
            return;
        }
        StringBuilder list = new StringBuilder();
        blindSpots.forEach((name, count) -> list.append(list.length() == 0 ? "" : ", ")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%,d", count)));
        out.append(list).append('\n');
    }

    private static void writeAudit(StringBuilder out, EdgeAudit audit) {
        if (audit == null) {
            out.append("edge audit: not run\n");
            return;
        }
        out.append(String.format(Locale.ROOT,
                "edge audit: %,d objects sampled, %,d slots checked, %,d mismatches (%.3f%%)%n",
                audit.sampledObjects(), audit.slotsChecked(), audit.mismatches(), 100 * audit.mismatchRate()));
    }

    /** Bytes with a binary unit, e.g. {@code 23.4 MiB}; exact below 1 KiB. */
    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }
}
