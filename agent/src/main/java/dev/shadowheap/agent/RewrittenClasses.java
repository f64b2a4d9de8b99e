package dev.shadowheap.agent;

import dev.shadowheap.agent.instrument.RewriteListener;
import dev.shadowheap.agent.track.AgentCounters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The classes the agent rewrote, by name, so that tracking can tell whether stores into a class's
 * fields are visible; and the first few failures, for the report.
 */
final class RewrittenClasses implements RewriteListener, Predicate<Class<?>> {

    private static final int KEPT_FAILURES = 5;

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<String> failures = ConcurrentHashMap.newKeySet();
    private final AgentCounters counters;

    RewrittenClasses(AgentCounters counters) {
        this.counters = counters;
    }

    @Override
    public void rewritten(String className, ClassLoader loader) {
        names.add(className);
        counters.classesRewritten.increment();
    }

    @Override
    public void failed(String className, Throwable error) {
        counters.rewriteFailures.increment();
        if (failures.size() < KEPT_FAILURES) {
            failures.add(className + ": " + error);
        }
    }

    @Override
    public boolean test(Class<?> type) {
        return names.contains(type.getName());
    }

    Set<String> failureExamples() {
        return Set.copyOf(failures);
    }
}
