package dev.shadowheap.heap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The heap's lock behaves as a reentrant mutual exclusion lock: what the models and the death thread rely on. */
class StructuralLockTest {

    private static boolean tryLockElsewhere(StructuralLock lock) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            boolean taken = lock.tryLock();
            if (taken) {
                lock.unlock();
            }
            return taken;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void heldTwiceByOneThreadItIsFreeForOthersOnlyAfterTheSecondUnlock() throws Exception {
        StructuralLock lock = new StructuralLock();
        lock.lock();
        assertTrue(lock.tryLock(), "reentrant");
        assertTrue(lock.isHeldByCurrentThread());
        assertFalse(tryLockElsewhere(lock));
        lock.unlock();
        assertTrue(lock.isHeldByCurrentThread(), "still held once");
        assertFalse(tryLockElsewhere(lock));
        lock.unlock();
        assertFalse(lock.isHeldByCurrentThread());
        assertTrue(tryLockElsewhere(lock));
    }

    @Test
    void aWaitingThreadGetsTheLockWhenItIsReleased() throws Exception {
        StructuralLock lock = new StructuralLock();
        lock.lock();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return lock.isHeldByCurrentThread();
            } finally {
                lock.unlock();
            }
        });
        Thread.sleep(50);
        assertFalse(waiter.isDone(), "waits while the lock is held");
        lock.unlock();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void onlyTheOwnerMayUnlock() throws Exception {
        StructuralLock lock = new StructuralLock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        lock.lock();
        Throwable elsewhere = CompletableFuture.supplyAsync(() -> {
            try {
                lock.unlock();
                return null;
            } catch (IllegalMonitorStateException e) {
                return (Throwable) e;
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(elsewhere instanceof IllegalMonitorStateException);
        assertTrue(lock.isHeldByCurrentThread());
        lock.unlock();
    }
}
