package dev.shadowheap.report;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.analysis.SiteCount;
import dev.shadowheap.analysis.WeakFieldSuggestion;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link RunReport} as JSON, schema {@value #SCHEMA} (documented in
 * {@code shadow-heap/docs/report-schema.md}). Derived figures (shares, rates, arenas reclaimed) are
 * written for consumers' convenience; {@link JsonReportReader} recomputes rather than trusts them.
 */
public final class JsonReportWriter {

    /** The schema name and major version; a reader refuses any other. */
    public static final String SCHEMA = "shadowheap-report/1";

    /** The report as a JSON document ending with a newline. */
    public String toJson(RunReport report) {
        Out out = new Out();
        out.open('{');
        out.field("schema").string(SCHEMA);
        out.field("tool").string(report.tool());
        out.field("profile").string(report.profile());
        writeTracking(out, report.tracking());
        out.field("generations").open('[');
        for (GenerationStats g : report.generations()) {
            out.element().open('{');
            out.field("generation").number(g.generation());
            out.field("collections").number(g.collections());
            out.field("collected").number(g.collected());
            out.field("uncollectable").number(g.uncollectable());
            out.close('}');
        }
        out.close(']');
        writePools(out, report.pools());
        writeLeaks(out, report);
        writeAudit(out, report.audit());
        writeMode(out, report.mode());
        out.close('}');
        return out.text.append('\n').toString();
    }

    public void write(RunReport report, Appendable target) throws IOException {
        target.append(toJson(report));
    }

    private static void writeTracking(Out out, Tracking tracking) {
        out.field("tracking").open('{');
        out.field("objects").number(tracking.objects());
        out.field("bytes").number(tracking.bytes());
        out.field("edges").number(tracking.edges());
        out.field("classes").number(tracking.classes());
        out.field("blindSpots").open('{');
        for (Map.Entry<String, Long> spot : tracking.blindSpots().entrySet()) {
            out.field(spot.getKey()).number(spot.getValue());
        }
        out.close('}');
        out.close('}');
    }

    private static void writePools(Out out, PoolSummary pools) {
        out.field("pools");
        if (pools == null) {
            out.raw("null");
            return;
        }
        out.open('{');
        out.field("arenasAllocatedTotal").number(pools.arenasAllocatedTotal());
        out.field("arenasReclaimed").number(pools.arenasReclaimed());
        out.field("arenasCurrent").number(pools.arenasCurrent());
        out.field("arenasHighwater").number(pools.arenasHighwater());
        out.field("poolsInUse").number(pools.poolsInUse());
        out.field("bytesInBlocks").number(pools.bytesInBlocks());
        out.field("fragmentationPercent").number(pools.fragmentationPercent());
        out.close('}');
    }

    private static void writeLeaks(Out out, RunReport report) {
        LeakSummary leaks = report.leaks();
        out.field("leaks").open('{');
        out.field("objects").number(leaks.objects());
        out.field("bytes").number(leaks.bytes());
        out.field("objectShare").number(report.leakedObjectShare());
        out.field("byteShare").number(report.leakedByteShare());
        out.field("unattributedObjects").number(leaks.unattributedObjects());
        out.field("groups").open('[');
        for (CycleGroup group : leaks.groups()) {
            out.element().open('{');
            out.field("shape").string(group.shape());
            out.field("cycles").number(group.cycles());
            out.field("objects").number(group.objects());
            out.field("bytes").number(group.bytes());
            out.field("hangersOn").number(group.hangersOn());
            out.field("hangerOnBytes").number(group.hangerOnBytes());
            out.field("topSites").open('[');
            for (SiteCount site : group.topSites()) {
                out.element().open('{');
                out.field("site").string(site.site());
                out.field("count").number(site.count());
                out.close('}');
            }
            out.close(']');
            out.close('}');
        }
        out.close(']');
        WeakFieldSuggestion weak = leaks.weakFields();
        out.field("weakFields").open('{');
        out.field("labels").open('[');
        for (String label : weak.labels()) {
            out.element().string(label);
        }
        out.close(']');
        out.field("edgesRemoved").number(weak.edgesRemoved());
        out.field("exact").raw(Boolean.toString(weak.exact()));
        out.close('}');
        out.close('}');
    }

    private static void writeAudit(Out out, EdgeAudit audit) {
        out.field("audit");
        if (audit == null) {
            out.raw("null");
            return;
        }
        out.open('{');
        out.field("sampledObjects").number(audit.sampledObjects());
        out.field("slotsChecked").number(audit.slotsChecked());
        out.field("mismatches").number(audit.mismatches());
        out.field("mismatchRate").number(audit.mismatchRate());
        out.close('}');
    }

    /** Written only when the report states its mode, so reports of callers that do not are unchanged. */
    private static void writeMode(Out out, TrackingMode mode) {
        if (mode == null) {
            return;
        }
        out.field("mode").open('{');
        out.field("name").string(mode.name());
        out.field("include").open('[');
        for (String glob : mode.include()) {
            out.element().string(glob);
        }
        out.close(']');
        out.field("exclude").open('[');
        for (String glob : mode.exclude()) {
            out.element().string(glob);
        }
        out.close(']');
        out.field("windowSeconds").number(mode.windowSeconds());
        out.field("everySeconds").number(mode.everySeconds());
        out.field("windows").number(mode.windows());
        out.field("trackedSeconds").number(mode.trackedSeconds());
        out.field("runSeconds").number(mode.runSeconds());
        out.field("trackedShare").number(mode.trackedShare());
        out.field("objects").number(mode.objects());
        out.field("retiredObjects").number(mode.retiredObjects());
        out.field("notSelected").number(mode.notSelected());
        out.close('}');
    }

    /** Indented output with the commas put in by position, so the writer code reads like the schema. */
    private static final class Out {
        final StringBuilder text = new StringBuilder();
        private int depth;
        private boolean first = true;

        Out open(char bracket) {
            text.append(bracket);
            depth++;
            first = true;
            return this;
        }

        void close(char bracket) {
            depth--;
            if (!first) {
                newline();
            }
            text.append(bracket);
            first = false;
        }

        private void separate() {
            if (!first) {
                text.append(',');
            }
            first = false;
            newline();
        }

        private void newline() {
            text.append('\n');
            text.append("  ".repeat(depth));
        }

        Out field(String name) {
            separate();
            Json.quote(text, name);
            text.append(": ");
            return this;
        }

        Out element() {
            separate();
            return this;
        }

        void string(String value) {
            Json.quote(text, value);
        }

        void number(long value) {
            text.append(value);
        }

        /** Doubles are finite by the records' checks; written in Java's shortest round-trip form. */
        void number(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("JSON cannot hold the number " + value);
            }
            text.append(value);
        }

        void raw(String literal) {
            text.append(literal);
        }
    }
}
