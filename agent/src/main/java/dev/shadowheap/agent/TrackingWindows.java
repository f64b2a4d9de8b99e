package dev.shadowheap.agent;

import dev.shadowheap.agent.track.EdgeAuditor;
import dev.shadowheap.agent.track.HeapTracker;
import dev.shadowheap.hooks.Hooks;
import dev.shadowheap.run.ModelledRun;
import dev.shadowheap.run.WindowedRuns;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Turns tracking on and off. While a window is open, the hooks feed one {@link HeapTracker} on a heap of its own
 * with its own {@link ModelledRun}; an unwindowed run is one window from start to exit.
 *
 * <p>Closing a window keeps every verdict sound: with the hooks still installed (every store into the window's
 * objects still mirrored), it lets the JVM's collector run and releases the deaths it reports, audits the
 * window's objects, and seals the run (a last full collection; nothing found after it counts). Only then are the
 * hooks uninstalled. The window's objects still live are thereby retired without a verdict: they are in no later
 * window's identity table or heap, so they are never again an owner or a target, and the JVM's later reports of
 * their weak references become garbage with the window's tracker, unread. A hook call still in
 * flight at the uninstall writes into the sealed heap, which no model reads any more.
 *
 * <p>Open, close and audit are serialized on this object; the safepoint reads the open window without a lock.
 */
final class TrackingWindows {

    /** Collections forced when a window closes on schedule (at exit: up to 8, as without windows). */
    private static final int WINDOW_SETTLE_ROUNDS = 1;
    private static final int EXIT_SETTLE_ROUNDS = 8;

    /** The tracker of an open (or next) window and the run its heap feeds. */
    private record Window(HeapTracker tracker, ModelledRun run) {
    }

    private final WindowedRuns runs;
    private final EdgeAuditor.Result closingAudits = new EdgeAuditor.Result();
    /** When the first window opened: the end of the agent's start-up, from which run time is counted. */
    private long startNanos;
    private Window next;
    private volatile Window open;
    private long openedNanos;
    private long trackedNanos;
    private boolean finished;

    /** {@code first} is the tracker whose ids the rewritten bytecode carries; its heap is {@code firstRun}'s. */
    TrackingWindows(WindowedRuns runs, ModelledRun firstRun, HeapTracker first) {
        this.runs = runs;
        this.next = new Window(first, firstRun);
    }

    /** Opens the next window: its death-watch thread runs and the hooks feed its tracker. */
    synchronized void open() {
        if (open != null || finished || next == null) {
            return;
        }
        Window window = next;
        next = null;
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        AgentRuntime.daemon(window.tracker().deaths(), "shadowheap-deaths").start();
        openedNanos = System.nanoTime();
        open = window;
        window.tracker().installHooks();
    }

    /** Closes the open window on schedule (see the class comment); nothing if none is open. */
    synchronized void close() throws InterruptedException {
        close(WINDOW_SETTLE_ROUNDS);
    }

    /** At JVM exit: closes the open window, if any, settling deaths as an unwindowed run does; no window opens later. */
    synchronized void finish() throws InterruptedException {
        finished = true;
        Window window = open;
        if (window != null) {
            window.tracker().deaths().stop(); // the exit step sweeps itself from here on
            close(EXIT_SETTLE_ROUNDS);
        }
    }

    private void close(int settleRounds) throws InterruptedException {
        Window window = open;
        if (window == null) {
            return;
        }
        try {
            window.tracker().deaths().settle(settleRounds);
            window.tracker().auditor().auditAll(closingAudits);
            runs.seal(window.run());
        } finally {
            Hooks.uninstall();
            window.tracker().deaths().stop();
            window.tracker().clearIdFields();
            trackedNanos += System.nanoTime() - openedNanos;
            open = null;
            if (!finished) {
                // Made now, so that the closed window's tracker (and the weak references of its retired objects)
                // is garbage while no window is open.
                ModelledRun run = runs.open();
                next = new Window(window.tracker().nextWindow(run.heap()), run);
            }
        }
    }

    /** A collection an allocation scheduled, on the open window's models (3.12+). */
    void safepoint() {
        Window window = open;
        if (window != null) {
            window.run().safepoint();
        }
    }

    /** A periodic audit round on the open window's objects; nothing between windows. */
    synchronized void auditSample(int objects, SplittableRandom random, EdgeAuditor.Result into) {
        Window window = open;
        if (window != null) {
            window.tracker().auditor().auditSample(objects, random, into);
        }
    }

    /** Audits at each window's close (and at exit). */
    EdgeAuditor.Result closingAudits() {
        return closingAudits;
    }

    synchronized double trackedSeconds() {
        long nanos = trackedNanos + (open == null ? 0 : System.nanoTime() - openedNanos);
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }

    synchronized double runSeconds() {
        return (System.nanoTime() - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * Opens and closes windows on schedule until the JVM exits: the first window is open from the end of start-up
     * (see {@link AgentRuntime#start}), window {@code k} opens {@code k * every} seconds after it and closes
     * {@code window} seconds later.
     */
    void runSchedule(double windowSeconds, double everySeconds) {
        long window = (long) (windowSeconds * 1e9);
        long every = (long) (everySeconds * 1e9);
        long first;
        synchronized (this) {
            first = startNanos;
        }
        try {
            for (long k = 0; ; k++) {
                long start = first + k * every;
                if (!sleepUntil(start)) {
                    return;
                }
                open();
                if (!sleepUntil(start + window)) {
                    return;
                }
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps until {@code deadline} (a {@link System#nanoTime} value); false once the run is finishing. */
    private boolean sleepUntil(long deadline) throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (finished) {
                    return false;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}
