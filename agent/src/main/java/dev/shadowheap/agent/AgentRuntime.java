package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.AgentInstaller;
import dev.shadowheap.agent.instrument.InstrumentationScope;
import dev.shadowheap.agent.track.AgentCounters;
import dev.shadowheap.agent.track.EdgeAuditor;
import dev.shadowheap.agent.track.HeapTracker;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.hooks.Hooks;
import dev.shadowheap.hooks.ThreadState;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The running agent: builds the heap and tracker, installs the rewriting, starts the death-watch and
 * audit threads, and at JVM exit settles deaths, audits every tracked object and writes the
 * {@link ExitReport}.
 */
final class AgentRuntime {

    private final AgentOptions options;
    private final HeapTracker tracker;
    private final RewrittenClasses rewritten;
    private final EdgeAuditor.Result periodicAudit = new EdgeAuditor.Result();
    private volatile boolean exiting;

    private AgentRuntime(AgentOptions options, HeapTracker tracker, RewrittenClasses rewritten) {
        this.options = options;
        this.tracker = tracker;
        this.rewritten = rewritten;
    }

    static AgentRuntime start(AgentOptions options, Instrumentation inst) throws Exception {
        BootstrapRuntime.install(inst);
        AgentCounters counters = new AgentCounters();
        RewrittenClasses rewritten = new RewrittenClasses(counters);
        HeapTracker tracker = new HeapTracker(new ShadowHeap(), inst::getObjectSize, rewritten, counters);
        AgentRuntime runtime = new AgentRuntime(options, tracker, rewritten);
        ThreadState.suspendHooks();
        try {
            warmUp(inst);
            AgentInstaller.install(inst, new InstrumentationScope(options.includes(), options.excludes()),
                    tracker.instrumentationIds(), rewritten);
            runtime.startThreads();
            // Only now: whether a class is trackable depends on its having been rewritten.
            Hooks.install(tracker.sink());
        } finally {
            ThreadState.resumeHooks();
        }
        return runtime;
    }

    /**
     * Loads and links the tracking code on a scratch heap, so that the first hook on an application
     * thread does not load agent classes in the middle of an instrumented JDK method.
     */
    private static void warmUp(Instrumentation inst) {
        HeapTracker scratch = new HeapTracker(new ShadowHeap(), inst::getObjectSize, type -> true, new AgentCounters());
        Object[] array = new Object[2];
        scratch.sink().trackNewArray(array, 0);
        scratch.sink().track(Arrays.asList(array), 0);
        array[0] = array;
        scratch.sink().arrayStored(array, 0, array);
        scratch.sink().arrayCopied(array, 0, 2);
        scratch.sink().putField(array, null, scratch.instrumentationIds().fieldRef("java/lang/Object", "none", false));
        scratch.auditor().auditAll(new EdgeAuditor.Result());
    }

    private void startThreads() {
        daemon(tracker.deaths(), "shadowheap-deaths").start();
        if (options.auditSample() > 0 && options.auditIntervalMillis() > 0) {
            daemon(this::auditPeriodically, "shadowheap-audit").start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::exit, "shadowheap-exit"));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void auditPeriodically() {
        ThreadState.suspendHooks();
        SplittableRandom random = new SplittableRandom(42);
        while (!exiting) {
            try {
                Thread.sleep(options.auditIntervalMillis());
                if (!exiting) {
                    tracker.auditor().auditSample(options.auditSample(), random, periodicAudit);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                tracker.counters().internalErrors.increment();
            }
        }
    }

    private void exit() {
        ThreadState.suspendHooks();
        exiting = true;
        try {
            tracker.deaths().stop();
            tracker.deaths().settle(8, 100);
            EdgeAuditor.Result atExit = new EdgeAuditor.Result();
            tracker.auditor().auditAll(atExit);
            ShadowHeap heap = tracker.heap();
            int[][] leaked = {new int[16]};
            int[] count = {0};
            heap.forEachUnheld(id -> {
                if (count[0] == leaked[0].length) {
                    leaked[0] = Arrays.copyOf(leaked[0], count[0] * 2);
                }
                leaked[0][count[0]++] = id;
            });
            new ExitReport(options, heap, Arrays.copyOf(leaked[0], count[0]), tracker.counters(),
                    new ExitReport.Audits(periodicAudit, atExit),
                    new ExitReport.Failures(Hooks.errors(), Hooks.firstError(), rewritten.failureExamples()))
                    .write(System.err);
        } catch (Exception | Error e) {
            System.err.println("shadowheap: exit report failed: " + e);
        }
    }
}
