package dev.shadowheap.hooks;

import java.util.function.Predicate;

/**
 * The include/exclude filters' answer per class, kept where the gates of {@link Hooks} can read it: a store into an
 * object of a class the filters leave out is then dropped in the gate, without the call into the sink. That call is
 * most of a filtered run's cost, and an object passed to it escapes, so the JIT could not replace short-lived objects
 * by their fields.
 *
 * <p>The answers are kept in {@link ClassAnswers} (not a {@code ClassValue}: see there). The gates only read them: a
 * class that is not there (never asked, or pushed out by another with the same slot) counts as possibly selected,
 * and the sink, running with the hooks' reentrancy protection, asks the filters and remembers the answer.
 */
public final class ClassSelection {

    private static final long UNKNOWN = -1;

    private final ClassAnswers answers;

    /** @param filters whether the user's filters track objects of a class; asked once per class while it is cached */
    public ClassSelection(Predicate<Class<?>> filters) {
        this.answers = new ClassAnswers(type -> filters.test(type) ? 1 : 0);
    }

    /** For a gate: false only if the filters are known to leave objects of this class out. */
    boolean mayBeSelected(Class<?> type) {
        return answers.peek(type, UNKNOWN) != 0;
    }

    /** For the sink: whether the filters track objects of this class, remembered for the gates. */
    public boolean selects(Class<?> type) {
        return answers.of(type) != 0;
    }
}
