package dev.shadowheap.hooks;

/**
 * Per-thread state of the hooks: whether a hook is running, whether agent code is running, and the
 * allocation sites of objects whose constructors are running.
 *
 * <p>Two kinds of "the agent is on this thread", with different rules:
 * <ul>
 *   <li><b>Inside a hook</b> ({@link #enter}): a hook that runs while another hook's sink call is in
 *       progress on the same thread does nothing at all. This is what keeps the sink from observing (and
 *       recursing into) itself.</li>
 *   <li><b>Agent work</b> ({@link #suspendHooks}): the agent's own threads, the class-file transformer,
 *       start-up. Objects made here are the agent's and are never tracked, but agent code also writes into
 *       structures the application owns (the {@code MethodType} intern table, reflection and charset caches,
 *       a class loader's lock map, a map the program made): a store whose owner is tracked is still
 *       mirrored, or the shadow silently diverges from the JVM.</li>
 * </ul>
 * The pending-site stack lets a constructor report the {@code new} instruction that created its object:
 * the caller pushes the site right after {@code NEW} and pops it after {@code <init>} returns; agent work
 * neither pushes nor pops, so the stack stays balanced across it.
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

    /** Greater than zero while a hook's sink call runs on this thread. */
    private int depth;
    /** Greater than zero while agent code runs on this thread (nests). */
    private int agentWork;
    private final int[] pendingSites = new int[MAX_PENDING];
    private final String[] pendingClasses = new String[MAX_PENDING];
    /**
     * For each pending allocation, the identity hash of the object a constructor of its chain has tracked already
     * (0: none yet). Every further constructor of the chain, and the code after {@code <init>}, then finds the object
     * tracked here without looking it up in the identity table (two cache misses each on a large heap).
     */
    private final int[] pendingTracked = new int[MAX_PENDING];
    private int pendingTop;
    /** This thread's count of stores applied to the shadow; registered on its first store. */
    private StoreTally.Cell storeCell;

    private ThreadState() {
    }

    static ThreadState current() {
        return CURRENT.get();
    }

    /**
     * For a store: the state of this thread, entered, unless a hook is already running on it (then null).
     * Stores are reported during agent work too.
     */
    static ThreadState enter() {
        ThreadState state = CURRENT.get();
        if (state.depth != 0) {
            return null;
        }
        state.depth = 1;
        return state;
    }

    /** For an allocation: like {@link #enter}, but also null during agent work, whose objects are not tracked. */
    static ThreadState enterTracking() {
        ThreadState state = CURRENT.get();
        if (state.depth != 0 || state.agentWork != 0) {
            return null;
        }
        state.depth = 1;
        return state;
    }

    /** Enters a state already known to be {@link #tracking()}. */
    void enterActive() {
        depth = 1;
    }

    void exit() {
        depth--;
    }

    /** Counts stores the sink applied; call it inside a hook (registering the count runs JDK code). */
    void countStores(int applied) {
        if (applied != 0) {
            if (storeCell == null) {
                storeCell = StoreTally.register();
            }
            storeCell.add(applied);
        }
    }

    /** Whether allocations made on this thread now are tracked: no hook and no agent work is running. */
    boolean tracking() {
        return depth == 0 && agentWork == 0;
    }

    /** Whether agent code is running on this thread (outside any hook). */
    public static boolean inAgentWork() {
        return CURRENT.get().agentWork != 0;
    }

    /**
     * Marks agent code running on this thread until the matching {@link #resumeHooks()}; calls nest. Its
     * allocations are not tracked; its stores into tracked objects still are mirrored.
     */
    public static void suspendHooks() {
        CURRENT.get().agentWork++;
    }

    public static void resumeHooks() {
        CURRENT.get().agentWork--;
    }

    /**
     * Opens a window, inside a hook, in which JDK code the sink calls runs as agent work: reflection on a class
     * not seen yet makes the JVM load its field and method types, and that class loading writes into
     * structures the program shares (a class loader's lock map, a jar's manifest and its signature verifier's
     * tables). Those stores are real and must be mirrored; without the window they would be swallowed by the
     * reentrancy rule. Returns what {@link #endJdkCall} needs to close the window.
     */
    public static int beginJdkCall() {
        ThreadState state = CURRENT.get();
        int saved = state.depth;
        state.depth = 0;
        state.agentWork++;
        return saved;
    }

    /** Closes the window {@link #beginJdkCall} opened. */
    public static void endJdkCall(int saved) {
        ThreadState state = CURRENT.get();
        state.agentWork--;
        state.depth = saved;
    }

    void pushPending(int site, String className) {
        if (pendingTop == MAX_PENDING) {
            pendingTop = 0; // constructors that threw left entries behind; start over rather than grow
        }
        pendingSites[pendingTop] = site;
        pendingClasses[pendingTop] = className;
        pendingTracked[pendingTop] = 0;
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

    /**
     * Whether the object with this identity hash was tracked by a constructor of a pending allocation. Every entry
     * is looked at, not only the innermost: a nested allocation whose constructor threw leaves its entry on top.
     * Another object with the same identity hash (one in 2^31 per entry) would be taken for tracked: a blind
     * spot, never a wrong edge.
     */
    boolean pendingTracked(int identityHash) {
        for (int i = pendingTop - 1; i >= 0; i--) {
            if (pendingTracked[i] == identityHash) {
                return true;
            }
        }
        return false;
    }

    /**
     * Claims the innermost pending allocation for the object with this identity hash, if that allocation is of
     * the object's class and not claimed yet; returns its site, or 0 if it could not be claimed.
     */
    int claimPending(String className, int identityHash) {
        int top = pendingTop - 1;
        if (top < 0 || identityHash == 0 || pendingTracked[top] != 0 || !className.equals(pendingClasses[top])) {
            return 0;
        }
        pendingTracked[top] = identityHash;
        return pendingSites[top];
    }

    /**
     * Whether this thread is constructing an object of this class that no constructor has tracked yet: a pending
     * allocation of the class, unclaimed. Stores into it until then come from the constructors of superclasses whose
     * objects are never tracked (they do not report themselves); it is tracked, with what they stored, once its own
     * constructor or the {@code NEW}'s hook reports it.
     */
    public static boolean constructingUntracked(String className) {
        ThreadState state = CURRENT.get();
        for (int i = state.pendingTop - 1; i >= 0; i--) {
            if (state.pendingTracked[i] == 0 && className.equals(state.pendingClasses[i])) {
                return true;
            }
        }
        return false;
    }

    /** The identity hash of the object the innermost pending allocation was claimed for (0 if none). */
    int innermostTracked() {
        return pendingTop == 0 ? 0 : pendingTracked[pendingTop - 1];
    }
}
