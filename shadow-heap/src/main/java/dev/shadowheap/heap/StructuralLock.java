package dev.shadowheap.heap;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The heap's structural lock: reentrant mutual exclusion, like {@code ReentrantLock}, except that the owning thread is
 * kept in a field of this class. The agent rewrites {@code java.util.concurrent.locks} like the rest of
 * {@code java.util}, so {@code ReentrantLock}'s owner field is a reference store with a hook, on every acquisition
 * and release; a heap allocation takes this lock whenever it is free, and a hook there cost more than the lock.
 * Waiting threads still queue in {@link AbstractQueuedSynchronizer}.
 */
public final class StructuralLock {

    private final Sync sync = new Sync();

    private static final class Sync extends AbstractQueuedSynchronizer {
        /** Written only by the thread that holds the lock; a thread reads its own writes, as in ReentrantLock. */
        private transient Thread owner;

        @Override
        protected boolean tryAcquire(int acquires) {
            Thread current = Thread.currentThread();
            int holds = getState();
            if (holds == 0) {
                if (compareAndSetState(0, acquires)) {
                    owner = current;
                    return true;
                }
            } else if (owner == current) {
                setState(holds + acquires);
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int releases) {
            if (owner != Thread.currentThread()) {
                throw new IllegalMonitorStateException("the heap's structural lock is not held by this thread");
            }
            int holds = getState() - releases;
            if (holds == 0) {
                owner = null;
            }
            setState(holds);
            return holds == 0;
        }

        @Override
        protected boolean isHeldExclusively() {
            return owner == Thread.currentThread();
        }
    }

    /** Waits until the lock is free or already held by this thread, then takes it (once more). */
    public void lock() {
        sync.acquire(1);
    }

    /** Takes the lock if it is free or already held by this thread; never waits. */
    public boolean tryLock() {
        return sync.tryAcquire(1);
    }

    public void unlock() {
        sync.release(1);
    }

    public boolean isHeldByCurrentThread() {
        return sync.isHeldExclusively();
    }
}
