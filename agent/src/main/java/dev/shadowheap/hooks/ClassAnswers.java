package dev.shadowheap.hooks;

import java.lang.ref.WeakReference;
import java.util.function.ToLongFunction;

/**
 * One answer per class, computed on first ask and kept in a direct-mapped cache of the agent's own: a class that is
 * not there (never asked, or pushed out by another with the same slot) is asked again. For questions a hook asks on
 * every event, whose answer is cheap to compute again and has no side effects. Here, with the hooks, so that their
 * gates can read answers too ({@link ClassSelection}).
 *
 * <p>Not a {@code ClassValue}: a first {@code ClassValue.get} for a class puts an entry into that class's own map,
 * which the program may have made (Jython, Lucene keep values per class); that store happens inside a hook, where it
 * cannot be mirrored, and the shadow of the program's map would diverge. Each class is held weakly, so that none is
 * kept from unloading.
 */
public final class ClassAnswers {

    private static final int CACHE_SIZE = 1 << 13;

    /** A class and its answer; immutable, so a racing reader sees it whole. */
    private static final class Entry {
        final WeakReference<Class<?>> type;
        final long answer;

        Entry(Class<?> type, long answer) {
            this.type = new WeakReference<>(type);
            this.answer = answer;
        }
    }

    private final ToLongFunction<Class<?>> question;
    private final Entry[] cache = new Entry[CACHE_SIZE];

    public ClassAnswers(ToLongFunction<Class<?>> question) {
        this.question = question;
    }

    /** The answer for {@code type}, asked now if it is not kept. */
    public long of(Class<?> type) {
        int index = System.identityHashCode(type) & (CACHE_SIZE - 1);
        Entry entry = cache[index];
        if (entry != null && entry.type.refersTo(type)) {
            return entry.answer;
        }
        long answer = question.applyAsLong(type);
        cache[index] = new Entry(type, answer);
        return answer;
    }

    /** The kept answer for {@code type}, or {@code unknown} if it is not kept; never asks. */
    long peek(Class<?> type, long unknown) {
        Entry entry = cache[System.identityHashCode(type) & (CACHE_SIZE - 1)];
        return entry != null && entry.type.refersTo(type) ? entry.answer : unknown;
    }
}
