package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An object is reported to the sink once per allocation however deep its constructor chain (every constructor calls
 * the {@code constructed} hook, and the code after {@code <init>} calls {@code afterNew}), with the site of its
 * {@code new}, also when a failed allocation of the same class inside the chain left its entry behind.
 */
class ConstructorChainTest {

    private RewrittenChains chains;

    @BeforeEach
    void load() throws Exception {
        chains = new RewrittenChains(TrackedAllocations.ALL);
    }

    @AfterEach
    void unload() {
        chains.close();
    }

    @Test
    void aThreeConstructorChainReportsItsObjectOnceWithTheSiteOfItsNew() throws Exception {
        Object leaf = chains.call("leaf");
        assertEquals(1, chains.sink.sites.get(leaf).size(), "track calls for the leaf: " + chains.sink.sites.get(leaf));
        assertTrue(chains.siteOf(leaf).contains("Chains.leaf("), chains.siteOf(leaf));
    }

    @Test
    void aFailedSameClassAllocationInsideTheChainDoesNotReportTheOuterObjectUnderItsSite() throws Exception {
        Object outer = chains.call("leafSurvivingAFailedInnerLeaf");
        List<Object> inner = new ArrayList<>();
        for (Object reported : chains.sink.sites.keySet()) {
            if (reported != outer && reported.getClass() == outer.getClass()) {
                inner.add(reported);
            }
        }
        assertEquals(1, inner.size(), "one failed inner leaf besides the outer one: " + chains.sink.sites.keySet());
        assertTrue(chains.siteOf(outer).contains("Chains.leafSurvivingAFailedInnerLeaf("), chains.siteOf(outer));
        assertTrue(chains.siteOf(inner.get(0)).contains("Chains$Base.<init>("), chains.siteOf(inner.get(0)));
        assertNotEquals(chains.sink.sites.get(outer).get(0), chains.sink.sites.get(inner.get(0)).get(0));
    }

    @Test
    void anObjectMadeWithoutNewIsStillReportedByItsConstructor() throws Exception {
        Object leaf = chains.call("leafByReflection");
        assertTrue(chains.sink.sites.containsKey(leaf), "reflectively made leaf reported");
    }
}
