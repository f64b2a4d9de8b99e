package dev.shadowheap.agent.mode;

import dev.shadowheap.agent.instrument.ClassNameGlob;
import dev.shadowheap.agent.instrument.TrackedAllocations;
import java.util.List;
import java.util.function.Predicate;

/**
 * The user's {@code include}/{@code exclude} filters: which objects are tracked, by the class of the allocated
 * object. An array is judged by its innermost element type ({@code com.example.Node[][]} as
 * {@code com.example.Node}), so a filter on a package takes its arrays along. Rewriting is not narrowed by the
 * filters: stores into a tracked object are seen whichever class makes them.
 */
public final class ClassFilter implements Predicate<Class<?>>, TrackedAllocations {

    private final List<ClassNameGlob> includes;
    private final List<ClassNameGlob> excludes;

    public ClassFilter(List<ClassNameGlob> includes, List<ClassNameGlob> excludes) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
    }

    /** Whether any filter was given: otherwise every class is tracked. */
    public boolean filters() {
        return !includes.isEmpty() || !excludes.isEmpty();
    }

    /** Whether objects of {@code type} are tracked. */
    @Override
    public boolean test(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return selects(element.getName());
    }

    /** Whether objects of the class with this binary name are tracked. */
    public boolean selects(String className) {
        return (includes.isEmpty() || anyMatch(includes, className)) && !anyMatch(excludes, className);
    }

    /** Allocations of classes the filters leave out get no hook when their class is known at rewriting. */
    @Override
    public boolean tracks(String className) {
        return selects(className);
    }

    @Override
    public String identity() {
        return filters() ? "include " + includes + " exclude " + excludes : ALL.identity();
    }

    private static boolean anyMatch(List<ClassNameGlob> globs, String className) {
        for (ClassNameGlob glob : globs) {
            if (glob.matches(className)) {
                return true;
            }
        }
        return false;
    }
}
