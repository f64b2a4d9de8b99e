package dev.shadowheap.agent.instrument;

import dev.shadowheap.hooks.NoOpSink;
import dev.shadowheap.hooks.ThreadState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink for tests of the rewriting: counts every report of an object (a {@code track} or array call) with the sites
 * it was given, and notes for each field store whether its owner was then an object under construction that nothing
 * had tracked yet ({@link ThreadState#constructingUntracked}).
 */
final class CountingSink extends NoOpSink {

    final Map<Object, List<Integer>> sites = new IdentityHashMap<>();
    /** Per owner, for each field store into it: was the owner under construction and untracked then? */
    final Map<Object, List<Boolean>> storesWhileConstructing = new IdentityHashMap<>();

    private void reported(Object object, int site) {
        sites.computeIfAbsent(object, o -> new ArrayList<>()).add(site);
    }

    @Override
    public void track(Object object, int site) {
        reported(object, site);
    }

    @Override
    public void trackNewArray(Object array, int site) {
        reported(array, site);
    }

    @Override
    public void trackArrayTree(Object array, int site) {
        reported(array, site);
    }

    @Override
    public int putField(Object owner, Object value, int fieldRef) {
        boolean constructing = !sites.containsKey(owner)
                && ThreadState.constructingUntracked(owner.getClass().getName());
        storesWhileConstructing.computeIfAbsent(owner, o -> new ArrayList<>()).add(constructing);
        return 0;
    }
}
