package dev.shadowheap.agent.track;

import java.util.concurrent.TimeUnit;

/**
 * Holds the program's allocating threads back while the death thread lags behind the JVM's collector.
 *
 * <p>Why: every death the death thread has not yet released keeps its weak reference, its shadow record, its slots and
 * its modelled pymalloc block. A program that allocates faster than one thread can release (a million objects a second
 * is enough on two cores) would otherwise pile deaths up without bound, and a long run would end in an
 * {@code OutOfMemoryError} the agent caused. With this gate the program allocates no faster, in the long run, than
 * deaths are released: the agent's memory stays proportional to what the program holds.
 *
 * <p>The death thread says when it is behind ({@link #lagging}); an allocating thread then waits, before it registers
 * its object, until the death thread has caught up, but never longer than {@value #MAX_WAIT_MILLIS} ms at a time. The
 * bound keeps a thread that holds a lock the death thread needs (a class loader's, say) from deadlocking with it: it
 * only slows down. The cost when the death thread keeps up is one volatile read per allocation.
 */
final class DeathBacklog {

    /** The longest an allocating thread waits at once. */
    static final long MAX_WAIT_MILLIS = 50;

    private final Object monitor = new Object();
    private final AgentCounters counters;
    private volatile boolean behind;

    DeathBacklog(AgentCounters counters) {
        this.counters = counters;
    }

    /** Called by a program thread before it registers a new object: waits while the death thread is behind. */
    void beforeAllocation() {
        if (behind) {
            waitForDeaths();
        }
    }

    private void waitForDeaths() {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        synchronized (monitor) {
            for (long left = deadline - start; behind && left > 0; left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the program's, kept for it to see
                    break;
                }
            }
        }
        counters.backlogWaits.increment();
        counters.backlogWaitNanos.add(System.nanoTime() - start);
    }

    /** Whether the death thread is behind now; catching up wakes the threads waiting. */
    void lagging(boolean isBehind) {
        if (behind == isBehind) {
            return;
        }
        behind = isBehind;
        if (!isBehind) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    boolean isBehind() {
        return behind;
    }
}
