package dev.shadowheap.agent;

import dev.shadowheap.agent.track.AgentCounters;
import dev.shadowheap.agent.track.EdgeAuditor;
import dev.shadowheap.report.EdgeAudit;
import dev.shadowheap.report.JsonReportWriter;
import dev.shadowheap.report.RunReport;
import dev.shadowheap.report.TextReportWriter;
import dev.shadowheap.report.Tracking;
import dev.shadowheap.report.TrackingMode;
import dev.shadowheap.run.WindowedRuns;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exit step: merges the tracking windows' runs (each ended with a last full collection, as CPython's shutdown
 * does), turns the agent's counters into the report's tracking, blind-spot and audit sections, states the tracking
 * mode, and writes the report as the options ask:
 * text on stderr, JSON into {@code out}, or both. Agent-specific diagnostics (first hook error, audit mismatch
 * examples, classes that could not be rewritten) follow the text report.
 */
final class ExitReport {

    static final String TOOL = "shadowheap 0.1.0";

    /** Audit totals: the periodic samples taken while the program ran, and the full audits at each window's close. */
    record Audits(EdgeAuditor.Result periodic, EdgeAuditor.Result atExit) {
    }

    /** Failures of the agent itself: in hooks (counted, never propagated) and in rewriting classes. */
    record Failures(long hookErrors, Throwable firstHookError, Collection<String> rewriteFailures) {
    }

    private final AgentOptions options;
    private final AgentCounters counters;
    private final RunReport report;
    private final Audits audits;
    private final Failures failures;

    ExitReport(AgentOptions options, WindowedRuns runs, AgentCounters counters, TrackingMode mode, Audits audits,
            Failures failures) {
        this.options = options;
        this.counters = counters;
        this.audits = audits;
        this.failures = failures;
        Map<String, Long> blindSpots = new LinkedHashMap<>();
        blindSpots.put("untrackableAllocations", counters.untrackableAllocations.sum());
        blindSpots.put("storesIntoUntrackedObjects", counters.untrackedOwnerStores.sum());
        blindSpots.put("untrackedTargets", counters.untrackedTargetStores.sum());
        blindSpots.put("unmappedStores", counters.unmappedStores.sum());
        blindSpots.put("classesNotRewritten", counters.rewriteFailures.sum());
        blindSpots.put("hookErrors", failures.hookErrors());
        blindSpots.put("agentInternalErrors", counters.internalErrors.sum());
        Tracking tracking = new Tracking(runs.objects(), runs.bytes(), counters.stores(), runs.classes(),
                blindSpots);
        EdgeAudit audit = new EdgeAudit(audits.periodic().objects() + audits.atExit().objects(),
                audits.periodic().slots() + audits.atExit().slots(),
                audits.periodic().mismatches() + audits.atExit().mismatches());
        this.report = runs.report(TOOL, tracking, audit).withMode(mode);
    }

    RunReport report() {
        return report;
    }

    /** Writes what the options ask for. */
    void write(PrintStream err) throws IOException {
        if (options.format() != AgentOptions.Format.JSON) {
            StringBuilder text = new StringBuilder();
            new TextReportWriter().write(report, text);
            diagnostics(text);
            err.print(text);
            err.flush();
        }
        if (options.format() != AgentOptions.Format.TEXT) {
            try (Writer out = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
                new JsonReportWriter().write(report, out);
            }
        }
    }

    private void diagnostics(StringBuilder text) {
        long whileRunning = counters.deathsWhileRunning();
        if (whileRunning >= 0) {
            // How far the death thread lagged behind the JVM's collector: deaths it releases late keep the model's
            // heap (and the agent's memory) larger than reference counting's would be.
            long atExit = counters.deaths.sum() - whileRunning;
            text.append(String.format("  deaths released: %,d while the program ran, %,d at the exit%n", whileRunning,
                    atExit));
            SurvivorAdvice.of(whileRunning, atExit).ifPresent(advice -> text.append("  ").append(advice).append('\n'));
        }
        long waits = counters.backlogWaits.sum();
        if (waits > 0) {
            // The price of keeping that lag bounded, paid by the program (see DeathBacklog).
            text.append(String.format("  allocations held back for the death thread: %,d times, %,d ms in all%n", waits,
                    TimeUnit.NANOSECONDS.toMillis(counters.backlogWaitNanos.sum())));
        }
        if (failures.firstHookError() != null) {
            text.append("  first hook error: ").append(failures.firstHookError()).append('\n');
        }
        for (String example : audits.atExit().examples()) {
            text.append("  audit mismatch: ").append(example).append('\n');
        }
        for (String example : audits.periodic().examples()) {
            text.append("  audit mismatch (periodic): ").append(example).append('\n');
        }
        for (String failure : failures.rewriteFailures()) {
            text.append("  not rewritten: ").append(failure).append('\n');
        }
    }
}
