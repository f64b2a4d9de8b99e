package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.AgentInstaller;
import dev.shadowheap.agent.instrument.InstrumentationScope;
import dev.shadowheap.agent.instrument.RewriteCache;
import dev.shadowheap.agent.mode.ClassFilter;
import dev.shadowheap.agent.track.AgentCounters;
import dev.shadowheap.agent.track.EdgeAuditor;
import dev.shadowheap.agent.track.HeapTracker;
import dev.shadowheap.heap.ShadowHeap;
import dev.shadowheap.model.CPythonProfile;
import dev.shadowheap.hooks.Hooks;
import dev.shadowheap.hooks.ThreadState;
import dev.shadowheap.run.ModelledRun;
import dev.shadowheap.run.WindowedRuns;
import dev.shadowheap.report.Tracking;
import dev.shadowheap.report.TrackingMode;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.internal.misc.VM;

/**
 * The running agent: builds the first tracking window (a heap with CPython's models attached and the tracker that
 * feeds it), installs the rewriting, starts the safepoint and audit threads and, with {@code window=}, the window
 * schedule; at JVM exit it closes the open window (settling deaths, auditing every tracked object) and writes the
 * {@link ExitReport}.
 */
final class AgentRuntime {

    /** How often the safepoint thread runs a collection an allocation scheduled (3.12+ profiles). */
    private static final long SAFEPOINT_MILLIS = 10;

    private final AgentOptions options;
    private final ClassFilter filter;
    private final WindowedRuns runs;
    private final TrackingWindows windows;
    private final AgentCounters counters;
    private final RewrittenClasses rewritten;
    private final EdgeAuditor.Result periodicAudit = new EdgeAuditor.Result();
    /** Why the JIT may still inline the hooks (see {@link HookInlining}), if it may. */
    private final Optional<String> inliningKept;
    private final RewriteCache rewriteCache;
    private volatile boolean exiting;

    private AgentRuntime(AgentOptions options, ClassFilter filter, WindowedRuns runs, TrackingWindows windows,
            AgentCounters counters, RewrittenClasses rewritten, Optional<String> inliningKept, RewriteCache rewriteCache) {
        this.options = options;
        this.filter = filter;
        this.runs = runs;
        this.windows = windows;
        this.counters = counters;
        this.rewritten = rewritten;
        this.inliningKept = inliningKept;
        this.rewriteCache = rewriteCache;
    }

    static AgentRuntime start(AgentOptions options, Instrumentation inst) throws Exception {
        BootstrapRuntime.install(inst);
        Optional<String> inliningKept = HookInlining.disableInlining(inst, VM.getRuntimeArguments());
        AgentCounters counters = new AgentCounters();
        RewrittenClasses rewritten = new RewrittenClasses(counters);
        ClassFilter filter = new ClassFilter(options.includes(), options.excludes());
        WindowedRuns runs = new WindowedRuns(options.profile());
        ModelledRun firstRun = runs.open();
        HeapTracker tracker = new HeapTracker(firstRun.heap(), inst::getObjectSize, rewritten,
                filter.filters() ? filter : HeapTracker.EVERY_CLASS, counters);
        TrackingWindows windows = new TrackingWindows(runs, firstRun, tracker);
        RewriteCache rewriteCache = options.cacheDirectory().map(directory -> RewriteCache.open(directory, filter))
                .orElseGet(RewriteCache::off);
        AgentRuntime runtime = new AgentRuntime(options, filter, runs, windows, counters, rewritten, inliningKept,
                rewriteCache);
        ThreadState.suspendHooks();
        try {
            AgentClassPreloader.preload();
            warmUp(inst, options.profile());
            // The whole scope is rewritten whatever the filters say (see InstrumentationScope); they only spare the
            // allocations of classes they leave out their hooks.
            ClassFileTransformer transformer = AgentInstaller.install(inst, new InstrumentationScope(),
                    tracker.instrumentationIds(), rewritten, rewriteCache, options.idFields(), filter);
            // Only now: whether a class is trackable depends on its having been rewritten.
            windows.open();
            // after the first window opened: the schedule counts from it
            runtime.startThreads(() -> inst.removeTransformer(transformer));

        } finally {
            ThreadState.resumeHooks();
        }
        return runtime;
    }

    /**
     * Loads and links the tracking code on a scratch heap with the run's profile, so that no class is
     * loaded for the first time while the heap's lock is held: an application thread may wait for that
     * lock inside a hook while it holds a JDK lock that class loading needs (a class loader's, a jar
     * file's, an instrumented {@code ConcurrentHashMap}'s monitor). The collection, the leak analysis, a
     * window's sealing, the audit and the report all run under the heap's lock, so they are warmed too
     * (with them trimmed, Jython runs hung; with sealing left out, a windowed H2 run deadlocked).
     */
    private static void warmUp(Instrumentation inst, CPythonProfile profile) {
        initializeLockingClasses();
        WindowedRuns scratchRuns = new WindowedRuns(profile);
        ModelledRun models = scratchRuns.open();
        HeapTracker scratch = new HeapTracker(models.heap(), inst::getObjectSize, type -> true, new AgentCounters());
        Object[] array = new Object[2];
        scratch.sink().trackNewArray(array, 0);
        scratch.sink().track(Arrays.asList(array), 0);
        array[0] = array;
        scratch.sink().arrayStored(array, 0, array);
        scratch.sink().arrayCopied(array, 0, 2);
        scratch.sink().putField(array, null, scratch.instrumentationIds().fieldRef("java/lang/Object", "none", false));
        // Paths a hook may otherwise run first, where the JVM's linking would store into what the program shares
        // (seen on JDK 25, the stores lost inside the hook): the size of every kind of array (resolving
        // java.lang.reflect.Array through the application loader's lock map), and the slots of an array too long for
        // the shared slot space (its VarHandle call sites link, interning method types into the JDK's table).
        for (Object primitives : new Object[] {new long[1], new short[1], new double[1], new float[1],
                new boolean[1]}) {
            scratch.sink().trackNewArray(primitives, 0);
        }
        Object[] big = new Object[ShadowHeap.MAX_SMALL_REGION + 1];
        scratch.sink().trackNewArray(big, 0);
        big[big.length - 1] = array;
        scratch.sink().arrayStored(big, big.length - 1, array);
        scratch.auditor().auditAll(new EdgeAuditor.Result());
        models.heap().forEachTarget(scratch.idOf(big), target -> { });
        models.heap().hostReleased(scratch.idOf(big));
        // A two-array cycle the host lets go of: the collector finds it and the leak analysis records it.
        Object[] other = new Object[1];
        scratch.sink().trackNewArray(other, 0);
        other[0] = array;
        scratch.sink().arrayStored(other, 0, array);
        array[1] = other;
        scratch.sink().arrayStored(array, 1, other);
        models.heap().hostReleased(scratch.idOf(other));
        models.heap().hostReleased(scratch.idOf(array));
        models.collector().collect();
        scratchRuns.seal(models);
        ModelledRun next = scratchRuns.open();
        scratch.nextWindow(next.heap());
        scratchRuns.report("warm-up", new Tracking(0, 0, 0, 0, java.util.Map.of()), null)
                .withMode(new TrackingMode("full", java.util.List.of(), java.util.List.of(), 0, 0, 1, 0, 0, 0, 0, 0));
    }

    /**
     * The JDK's lock classes are rewritten, and the hooks' own slow paths block on the heap's lock through them.
     * If one were first initialized by a hook-carrying thread, its static initializer's stores would run a hook
     * that parks through a half-initialized {@code LockSupport} ({@code U} still null): the NPE escapes
     * {@code AbstractQueuedSynchronizer.acquire} and leaves a dead node at the head of the heap lock's queue, and
     * every later waiter sleeps forever (seen as hangs of the Lucene workload). So they are initialized here,
     * before any hook runs.
     */
    private static void initializeLockingClasses() {
        for (String name : LOCKING_CLASSES) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException e) {
                // A JDK whose lock classes are laid out differently: nothing of that name to initialize.
            }
        }
    }

    private static final String[] LOCKING_CLASSES = {
        "java.util.concurrent.locks.LockSupport", "java.util.concurrent.locks.AbstractQueuedSynchronizer",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$Node",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ExclusiveNode",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
        "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$NonfairSync",
    };

    /** @param stopRewriting run first at exit */
    private void startThreads(Runnable stopRewriting) {
        daemon(this::runSafepoints, "shadowheap-safepoints").start();
        if (options.auditSample() > 0 && options.auditIntervalMillis() > 0) {
            daemon(this::auditPeriodically, "shadowheap-audit").start();
        }
        if (options.windowed()) {
            daemon(this::runWindows, "shadowheap-windows").start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exit(stopRewriting), "shadowheap-exit"));
    }

    /**
     * An agent thread: agent work from its first instruction (its own objects are never tracked; see
     * {@link ThreadState}), and a daemon, so it never changes when the program exits.
     */
    static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(() -> {
            ThreadState.suspendHooks();
            task.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private void runWindows() {
        try {
            windows.runSchedule(options.windowSeconds(), options.everySeconds());
        } catch (RuntimeException | Error e) {
            counters.internalErrors.increment();
        }
    }

    /**
     * 3.12+ collect at the eval breaker, not inside the allocation: here that is this thread, so application
     * threads never run a modelled collection themselves.
     */
    private void runSafepoints() {
        repeatUntilExit(SAFEPOINT_MILLIS, windows::safepoint);
    }

    private void auditPeriodically() {
        SplittableRandom random = new SplittableRandom(42);
        repeatUntilExit(options.auditIntervalMillis(),
                () -> windows.auditSample(options.auditSample(), random, periodicAudit));
    }

    /** On an agent thread: runs {@code tick} every {@code millis} until exit; a failing tick is counted, not fatal. */
    private void repeatUntilExit(long millis, Runnable tick) {
        while (!exiting) {
            try {
                Thread.sleep(millis);
                if (!exiting) {
                    tick.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // An Error too (seen: OutOfMemoryError in a modelled collection, in a heap the program had filled):
                // uncaught, it ended the thread, printed on the program's stderr, and no collection ran after it.
                counters.internalErrors.increment();
            }
        }
    }

    /**
     * Settles deaths, audits and reports. Rewriting stops first: what is loaded from here on is mostly the
     * report's own code (~65 {@code java.util} classes, streams and collectors, ~2 ms of ASM each while
     * cold), and objects made now could no longer change the report.
     */
    private void exit(Runnable stopRewriting) {
        ThreadState.suspendHooks();
        counters.programEnded();
        exiting = true;
        stopRewriting.run();
        try {
            finishWhileAnalysing();
            new ExitReport(options, runs, counters, mode(),
                    new ExitReport.Audits(periodicAudit, windows.closingAudits()),
                    new ExitReport.Failures(Hooks.errors(), Hooks.firstError(), rewritten.failureExamples()))
                    .write(System.err);
            inliningKept.ifPresent(why -> System.err.println("  hooks left inlinable by the JIT (slower): " + why));
        } catch (Exception | Error e) {
            System.err.println("shadowheap: exit report failed: " + e);
        }
        rewriteCache.save(); // after the report: the classes rewritten while the program ran
        System.err.println("  rewrite cache: " + rewriteCache.summary());
    }

    /**
     * Closes the last window (settling deaths, auditing, the sealing collection) while another thread analyses the
     * leaks found before: the program's threads have ended, so a core is free, and the report needs both.
     */
    private void finishWhileAnalysing() throws InterruptedException {
        AtomicBoolean finished = new AtomicBoolean();
        Thread analysis = daemon(() -> {
            try {
                while (!finished.get()) {
                    runs.analyzePendingLeaks();
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                counters.internalErrors.increment(); // the report's own analysis redoes what is left
            }
        }, "shadowheap-exit-analysis");
        analysis.start();
        try {
            windows.finish();
        } finally {
            finished.set(true);
            analysis.join(); // what it is analysing now, the report would wait for anyway
        }
    }

    private TrackingMode mode() {
        String name = filter.filters() ? (options.windowed() ? "filtered+windowed" : "filtered")
                : (options.windowed() ? "windowed" : "full");
        return new TrackingMode(name, globs(options.includes()), globs(options.excludes()),
                options.windowSeconds(), options.everySeconds(), runs.windows(), windows.trackedSeconds(),
                windows.runSeconds(), runs.objects(), runs.retiredObjects(), counters.notSelectedAllocations.sum());
    }

    private static java.util.List<String> globs(java.util.List<?> globs) {
        return globs.stream().map(Object::toString).toList();
    }
}
