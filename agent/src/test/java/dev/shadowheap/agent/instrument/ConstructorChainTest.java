package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.hooks.Hooks;
import java.lang.reflect.InvocationTargetException;
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

    private final CountingSink sink = new CountingSink();
    private RewritingLoader loader;
    private Class<?> chains;

    @BeforeEach
    void load() throws Exception {
        loader = new RewritingLoader("dev.shadowheap.agent.instrument.samples.");
        chains = loader.loadClass("dev.shadowheap.agent.instrument.samples.Chains");
        Hooks.install(sink);
    }

    @AfterEach
    void unload() {
        Hooks.uninstall();
        assertEquals(0, Hooks.errors(), "no hook failed");
    }

    private Object call(String method) throws Exception {
        try {
            return chains.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private String siteOf(Object object) {
        List<Integer> given = sink.sites.get(object);
        return loader.site(given.get(0));
    }

    @Test
    void aThreeConstructorChainReportsItsObjectOnceWithTheSiteOfItsNew() throws Exception {
        Object leaf = call("leaf");
        assertEquals(1, sink.sites.get(leaf).size(), "track calls for the leaf: " + sink.sites.get(leaf));
        assertTrue(siteOf(leaf).contains("Chains.leaf("), siteOf(leaf));
    }

    @Test
    void aFailedSameClassAllocationInsideTheChainDoesNotReportTheOuterObjectUnderItsSite() throws Exception {
        Object outer = call("leafSurvivingAFailedInnerLeaf");
        List<Object> inner = new ArrayList<>();
        for (Object reported : sink.sites.keySet()) {
            if (reported != outer && reported.getClass() == outer.getClass()) {
                inner.add(reported);
            }
        }
        assertEquals(1, inner.size(), "one failed inner leaf besides the outer one: " + sink.sites.keySet());
        assertTrue(siteOf(outer).contains("Chains.leafSurvivingAFailedInnerLeaf("), siteOf(outer));
        assertTrue(siteOf(inner.get(0)).contains("Chains$Base.<init>("), siteOf(inner.get(0)));
        assertNotEquals(sink.sites.get(outer).get(0), sink.sites.get(inner.get(0)).get(0));
    }

    @Test
    void anObjectMadeWithoutNewIsStillReportedByItsConstructor() throws Exception {
        Object leaf = call("leafByReflection");
        assertTrue(sink.sites.containsKey(leaf), "reflectively made leaf reported");
    }
}
