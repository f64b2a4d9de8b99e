package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shadowheap.hooks.Hooks;
import java.lang.reflect.InvocationTargetException;

/**
 * The sample constructor chains ({@code samples.Chains}) loaded rewritten, with a {@link CountingSink} installed for
 * as long as it is open: what the rewriting tests call into.
 */
final class RewrittenChains implements AutoCloseable {

    final CountingSink sink = new CountingSink();
    final RewritingLoader loader;
    private final Class<?> chains;

    RewrittenChains(TrackedAllocations allocations) throws ClassNotFoundException {
        loader = new RewritingLoader("dev.shadowheap.agent.instrument.samples.", false, allocations);
        chains = loader.loadClass("dev.shadowheap.agent.instrument.samples.Chains");
        Hooks.install(sink);
    }

    /** Calls the static method of {@code Chains} of this name; what it throws is thrown. */
    Object call(String method) throws Exception {
        try {
            return chains.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** The site the first report of {@code object} named. */
    String siteOf(Object object) {
        return loader.site(sink.sites.get(object).get(0));
    }

    @Override
    public void close() {
        Hooks.uninstall();
        assertEquals(0, Hooks.errors(), "no hook failed");
    }
}
