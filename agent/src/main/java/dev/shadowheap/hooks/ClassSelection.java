package dev.shadowheap.hooks;

import java.lang.ref.WeakReference;
import java.util.function.Predicate;

/**
 * The include/exclude filters' answer per class, kept where the gates of {@link Hooks} can read it: a store into an
 * object of a class the filters leave out is then dropped in the gate, without the call into the sink. That call is
 * most of a filtered run's cost, and an object passed to it escapes, so the JIT could not replace short-lived objects
 * by their fields.
 *
 * <p>A direct-mapped cache of the agent's own, not a {@code ClassValue} (whose first use for a class stores into
 * that class's own map, which the program may share, from inside a hook). Each class is held weakly. The gates only
 * read it: a class that is not there (never asked, or pushed out by another with the same slot) counts as possibly
 * selected, and the sink, running with the hooks' reentrancy protection, asks the filters and remembers the answer.
 */
public final class ClassSelection {

    private static final int SIZE = 1 << 12;

    /** A class and the filters' answer; immutable, so a racing reader sees it whole. */
    private static final class Entry {
        final WeakReference<Class<?>> type;
        final boolean selected;

        Entry(Class<?> type, boolean selected) {
            this.type = new WeakReference<>(type);
            this.selected = selected;
        }
    }

    private final Predicate<Class<?>> filters;
    private final Entry[] entries = new Entry[SIZE];

    /** @param filters whether the user's filters track objects of a class; asked once per class while it is cached */
    public ClassSelection(Predicate<Class<?>> filters) {
        this.filters = filters;
    }

    /** For a gate: false only if the filters are known to leave objects of this class out. */
    boolean mayBeSelected(Class<?> type) {
        Entry entry = entries[System.identityHashCode(type) & (SIZE - 1)];
        return entry == null || entry.selected || !entry.type.refersTo(type);
    }

    /** For the sink: whether the filters track objects of this class, remembered for the gates. */
    public boolean selects(Class<?> type) {
        int index = System.identityHashCode(type) & (SIZE - 1);
        Entry entry = entries[index];
        if (entry != null && entry.type.refersTo(type)) {
            return entry.selected;
        }
        boolean selected = filters.test(type);
        entries[index] = new Entry(type, selected);
        return selected;
    }
}
