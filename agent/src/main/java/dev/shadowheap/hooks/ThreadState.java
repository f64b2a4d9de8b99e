package dev.shadowheap.hooks;

/**
 * Per-thread state of the hooks: the reentrancy depth, and the allocation sites of objects whose
 * constructors are running.
 *
 * <p>The depth keeps the agent from observing itself: while a sink call, a class transformation or an
 * agent thread is active on this thread, hooks do nothing. The pending-site stack lets a constructor
 * report the {@code new} instruction that created its object: the caller pushes the site right after
 * {@code NEW} and pops it after {@code <init>} returns.
 */
public final class ThreadState {

    private static final int MAX_PENDING = 256;

    // An anonymous subclass rather than ThreadLocal.withInitial: no lambda in the bootstrap runtime.
    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            return new ThreadState();
        }
    };

    private int depth;
    private final int[] pendingSites = new int[MAX_PENDING];
    private final String[] pendingClasses = new String[MAX_PENDING];
    private int pendingTop;

    private ThreadState() {
    }

    static ThreadState current() {
        return CURRENT.get();
    }

    /** The state of this thread if hooks may run on it now, entered; otherwise null. */
    static ThreadState enter() {
        ThreadState state = CURRENT.get();
        if (state.depth != 0) {
            return null;
        }
        state.depth = 1;
        return state;
    }

    /** Enters a state already known to be {@link #active()}. */
    void enterActive() {
        depth = 1;
    }

    void exit() {
        depth--;
    }

    boolean active() {
        return depth == 0;
    }

    /** Suppresses hooks on this thread until the matching {@link #resumeHooks()}; calls nest. */
    public static void suspendHooks() {
        CURRENT.get().depth++;
    }

    public static void resumeHooks() {
        CURRENT.get().depth--;
    }

    void pushPending(int site, String className) {
        if (pendingTop == MAX_PENDING) {
            pendingTop = 0; // constructors that threw left entries behind; start over rather than grow
        }
        pendingSites[pendingTop] = site;
        pendingClasses[pendingTop] = className;
        pendingTop++;
    }

    /** Pops the innermost pending allocation and returns its site (0 if none). */
    int popPending() {
        if (pendingTop == 0) {
            return 0;
        }
        pendingTop--;
        pendingClasses[pendingTop] = null;
        return pendingSites[pendingTop];
    }

    /** The site of the innermost pending allocation if it is of the named class, else 0. */
    int pendingSiteFor(String className) {
        if (pendingTop == 0) {
            return 0;
        }
        return className.equals(pendingClasses[pendingTop - 1]) ? pendingSites[pendingTop - 1] : 0;
    }
}
