package dev.shadowheap.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the class rewriting: registers a {@link HeapTransformer} that may retransform, then
 * retransforms the already loaded classes in scope (the {@code java.util} classes the JVM loaded before
 * the agent, and on attach the application's). Retransformation cannot add members; the rewriting
 * adds none.
 *
 * <p>Why not Byte Buddy's {@code AgentBuilder}: it builds a full type description and method graph of
 * every class it transforms, which cost seconds of start-up on a few hundred classes while the rewriting
 * itself is one ASM pass. Byte Buddy's (relocated) ASM is still the one used.
 */
public final class AgentInstaller {

    private AgentInstaller() {
    }

    /**
     * @param cache rewritten classes of earlier runs ({@link RewriteCache#off()} for none): bound to {@code ids}
     *     here, before the first class is transformed; what the start-up retransform rewrote fresh is saved
     *     before this returns
     * @param idFields whether application classes defined from now on get the {@link IdField}
     * @param allocations which allocations get hooks (the cache must have been opened for the same choice)
     */
    public static ClassFileTransformer install(Instrumentation inst, InstrumentationScope scope,
            InstrumentationIds ids, RewriteListener rewrites, RewriteCache cache, boolean idFields,
            TrackedAllocations allocations) {
        HeapTransformer transformer = new HeapTransformer(scope, cache.bind(ids), rewrites, cache, idFields,
                allocations);
        transformer.warmUp();
        inst.addTransformer(transformer, true);
        retransformLoaded(inst, scope, rewrites);
        cache.saveAfterStartup();
        return transformer;
    }

    private static void retransformLoaded(Instrumentation inst, InstrumentationScope scope, RewriteListener rewrites) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (!type.isHidden() && !type.isArray() && inst.isModifiableClass(type)
                    && scope.covers(type.getName(), InstrumentationScope.LoaderKind.of(type.getClassLoader()))) {
                loaded.add(type);
            }
        }
        try {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError batchFailed) {
            // One bad class fails the whole batch: retry one by one so that only that class is lost.
            for (Class<?> type : loaded) {
                try {
                    inst.retransformClasses(type);
                } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                    rewrites.failed(type.getName(), e);
                }
            }
        }
    }
}
