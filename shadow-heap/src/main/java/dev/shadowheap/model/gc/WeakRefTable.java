package dev.shadowheap.model.gc;

import dev.shadowheap.heap.IntStack;
import dev.shadowheap.heap.ShadowHeap;
import java.util.HashMap;
import java.util.Map;

/**
 * Weak references on the shadow graph. A weak edge is not a heap slot: it neither counts as a
 * reference nor keeps its referent alive. Each referent has a singly linked chain of the weak
 * references to it (int links by id); callbacks, which are rare, live in a map.
 */
final class WeakRefTable {

    private final ChunkedInts referentOf = new ChunkedInts();   // weakref id -> referent id, 0 when cleared/none
    private final ChunkedInts nextInChain = new ChunkedInts();  // weakref id -> next weakref to the same referent
    private final ChunkedInts firstWeakRef = new ChunkedInts(); // referent id -> first weakref to it
    private final Map<Integer, WeakRefCallback> callbacks = new HashMap<>();
    private int registered;

    boolean isEmpty() {
        return registered == 0;
    }

    void register(int weakRefId, int referentId, WeakRefCallback callback) {
        if (referentOf.get(weakRefId) != 0) {
            throw new IllegalArgumentException("registerWeakRef: object " + weakRefId + " is already a live weak reference");
        }
        referentOf.set(weakRefId, referentId);
        nextInChain.set(weakRefId, firstWeakRef.get(referentId));
        firstWeakRef.set(referentId, weakRefId);
        if (callback != null) {
            callbacks.put(weakRefId, callback);
        }
        registered++;
    }

    /** The referent, or {@link ShadowHeap#NULL} once cleared (or for an id that is no weak reference). */
    int referent(int weakRefId) {
        return referentOf.get(weakRefId);
    }

    boolean isWeakRef(int id) {
        return referentOf.get(id) != 0;
    }

    boolean hasWeakRefs(int referentId) {
        return firstWeakRef.get(referentId) != 0;
    }

    boolean hasCallback(int weakRefId) {
        return callbacks.containsKey(weakRefId);
    }

    /** Clears one weak reference (its referent becomes None) and forgets its callback. */
    WeakRefCallback clear(int weakRefId) {
        int referent = referentOf.get(weakRefId);
        if (referent == 0) {
            return null;
        }
        int previous = 0;
        for (int wr = firstWeakRef.get(referent); wr != 0; previous = wr, wr = nextInChain.get(wr)) {
            if (wr == weakRefId) {
                int after = nextInChain.get(wr);
                if (previous == 0) {
                    firstWeakRef.set(referent, after);
                } else {
                    nextInChain.set(previous, after);
                }
                break;
            }
        }
        referentOf.set(weakRefId, 0);
        nextInChain.set(weakRefId, 0);
        registered--;
        return callbacks.remove(weakRefId);
    }

    /**
     * Clears every weak reference to {@code referent}; those with a callback for which
     * {@code wantsCallback} holds are pushed onto {@code toCall} with the callback kept aside.
     */
    void clearAllTo(int referent, IntStack toCall, Map<Integer, WeakRefCallback> pendingCallbacks,
            java.util.function.IntPredicate wantsCallback) {
        int wr;
        while ((wr = firstWeakRef.get(referent)) != 0) {
            WeakRefCallback callback = clear(wr);
            if (callback != null && wantsCallback.test(wr)) {
                toCall.push(wr);
                pendingCallbacks.put(wr, callback);
            }
        }
    }
}
