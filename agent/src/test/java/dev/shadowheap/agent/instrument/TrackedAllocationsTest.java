package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With filters, allocations of classes that are never tracked get no hook, and objects of tracked classes are still
 * reported exactly once with the site of their {@code new}, even when their superclasses' constructors (which no
 * longer report themselves) store into them first.
 */
class TrackedAllocationsTest {

    private static final String SAMPLES = "dev.shadowheap.agent.instrument.samples.";

    /** Tracks only the given classes, by binary name, as the agent's {@code include=} filter does. */
    private static TrackedAllocations only(String... classNames) {
        Set<String> names = Set.of(classNames);
        return new TrackedAllocations() {
            @Override
            public boolean tracks(String className) {
                return names.contains(className);
            }

            @Override
            public String identity() {
                return "only " + names;
            }
        };
    }

    private RewrittenChains chains;

    private void load(TrackedAllocations allocations) throws Exception {
        chains = new RewrittenChains(allocations);
    }

    @AfterEach
    void unload() {
        chains.close();
    }

    @Test
    void aTrackedClassWhoseSuperclassesAreNotIsReportedOnceWithTheSiteOfItsNew() throws Exception {
        load(only(SAMPLES + "Chains$Leaf"));
        Object leaf = chains.call("leaf");
        List<Integer> reports = chains.sink.sites.get(leaf);
        assertEquals(1, reports.size(), "reports of the leaf: " + reports);
        assertTrue(chains.siteOf(leaf).contains("Chains.leaf("), chains.siteOf(leaf));
        // Base's and Middle's constructors stored into it before Leaf's reported it: those stores are read when it is
        // tracked, and are not the program's blind spot. Leaf's own store (third = this) comes after.
        assertEquals(List.of(true, true, false), chains.sink.storesWhileConstructing.get(leaf));
        assertTrue(chains.sink.sites.containsKey(chains.call("leafByReflection")), "a leaf made without NEW reports itself");
    }

    @Test
    void objectsAndArraysOfClassesNeverTrackedAreNotReportedAtAll() throws Exception {
        load(only(SAMPLES + "Chains$Leaf"));
        Object middle = chains.call("middle");
        Object[] arrays = (Object[]) chains.call("arrays");
        assertFalse(chains.sink.sites.containsKey(middle), "Middle is not tracked: no hook reported it");
        assertFalse(chains.sink.sites.containsKey(arrays), "nor the Object[]");
        assertFalse(chains.sink.sites.containsKey(arrays[0]), "nor the int[]");
        assertFalse(chains.sink.sites.containsKey(arrays[1]), "nor the Middle[]");
        assertEquals(1, chains.sink.sites.get(arrays[2]).size(), "a Leaf[][] is judged by its Leaf elements");
        assertEquals(Set.of(arrays[2]), chains.sink.sites.keySet());
    }

    @Test
    void withoutFiltersEveryAllocationIsReported() throws Exception {
        load(TrackedAllocations.ALL);
        Object middle = chains.call("middle");
        Object[] arrays = (Object[]) chains.call("arrays");
        assertTrue(chains.sink.sites.containsKey(middle));
        for (Object array : arrays) {
            assertTrue(chains.sink.sites.containsKey(array), array.getClass().getName());
        }
        assertTrue(chains.sink.sites.containsKey(arrays));
    }
}
