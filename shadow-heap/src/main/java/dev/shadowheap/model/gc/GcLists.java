package dev.shadowheap.model.gc;

/**
 * The collector's object lists, as CPython keeps them in the {@code PyGC_Head} of each object: circular
 * doubly-linked lists with a header node, stored as int links in flat int arrays. Node {@code n} of
 * an object is {@code id + HEADERS}; nodes {@code 0 .. HEADERS-1} are the list headers. Appending,
 * unlinking and splicing whole lists are O(1), and no Java object exists per tracked object.
 *
 * <p>Also holds the per-object collector state CPython keeps in the same header: flag bits and the
 * transient collection mark ({@code gc_refs} and whether the object is being collected or tentatively
 * unreachable).
 */
final class GcLists {

    /** Generation 0 (the incremental collector's young list). */
    static final int GEN0 = 0;
    /** Generation 1 (incremental: old space 0). */
    static final int GEN1 = 1;
    /** Generation 2 (incremental: old space 1). */
    static final int GEN2 = 2;
    static final int PERMANENT = 3;
    static final int UNREACHABLE = 4;
    static final int FINALIZERS = 5;
    static final int STILL_UNREACHABLE = 6;
    static final int INCREMENT = 7;
    static final int HEADERS = 8;

    // Flag bits per object id.
    static final int TRACKED = 1;
    /** tp_finalize has run (PEP 442: at most once per object). */
    static final int FINALIZED = 2;
    /** In the set being collected; gc_refs is meaningful. Derived from the collection mark (see {@link #mark}). */
    static final int COLLECTING = 4;
    /** Currently on the tentative unreachable list of move_unreachable. Derived from the collection mark. */
    static final int IN_UNREACHABLE = 8;
    /** Referenced from gc.garbage: an external reference the shadow heap does not count. */
    static final int IN_GARBAGE = 16;
    /** Incremental GC: the object's old-space bit (which of the two old spaces it belongs to). */
    static final int SPACE_1 = 32;
    /** In the permanent generation (gc.freeze): never examined, never marked. */
    static final int FROZEN = 64;
    private static final int MARK_BITS = COLLECTING | IN_UNREACHABLE;

    // The collection mark of an object, one int per id, as CPython keeps gc_refs and its collecting and
    // unreachable bits in one word of the PyGC_Head. The collector's inner loops read the mark of every
    // edge's target at random: at 4 bytes per object a million objects' marks fit in the cache; flags and
    // gc_refs side by side took twice that, and reading them cost twice as much.
    /** Mark of an object outside the current collection (also: already scanned as reachable). */
    static final int NOT_COLLECTING = 0;
    /** Mark of an object on the tentative unreachable list of move_unreachable. */
    static final int TENTATIVELY_UNREACHABLE = -1;
    /** Any other mark {@code m} means: in the collection, with {@code gc_refs = m - GC_REFS_BIAS}. */
    static final int GC_REFS_BIAS = 1;

    // The links of node n at 2n (next) and 2n+1 (prev): an unlink touches one cache line.
    private final GrowableInts links = new GrowableInts();
    private final GrowableInts flags = new GrowableInts();
    private final GrowableInts marks = new GrowableInts();

    GcLists() {
        for (int header = 0; header < HEADERS; header++) {
            setNext(header, header);
            setPrev(header, header);
        }
    }

    private int next(int node) {
        return links.get(node << 1);
    }

    private int prev(int node) {
        return links.get((node << 1) + 1);
    }

    private void setNext(int node, int value) {
        links.set(node << 1, value);
    }

    private void setPrev(int node, int value) {
        links.set((node << 1) + 1, value);
    }

    /**
     * The collection marks, indexed by object id, for the collector's inner loops: valid until the
     * next object is allocated (set up) after it, so fetch it again after anything that may allocate.
     * Holds an entry for every id the heap has handed out since the collector was attached (each got
     * its flags set).
     */
    int[] marks() {
        return marks.array();
    }

    int mark(int id) {
        return marks.get(id);
    }

    static int node(int id) {
        return id + HEADERS;
    }

    static int id(int node) {
        return node - HEADERS;
    }

    // ---- flags and gc_refs, by object id

    /** The object's flags, with COLLECTING and IN_UNREACHABLE derived from its collection mark. */
    int flags(int id) {
        int mark = marks.get(id);
        int derived = mark == NOT_COLLECTING ? 0 : mark == TENTATIVELY_UNREACHABLE ? MARK_BITS : COLLECTING;
        return flags.get(id) | derived;
    }

    boolean has(int id, int flag) {
        return (flags(id) & flag) != 0;
    }

    /** Sets the stored flags; the object leaves any collection (its mark is reset). */
    void setFlags(int id, int value) {
        flags.set(id, value & ~MARK_BITS);
        marks.set(id, NOT_COLLECTING);
    }

    /** Adds stored flags; the collection mark is only set by the reachability analysis. */
    void add(int id, int flag) {
        if ((flag & MARK_BITS) != 0) {
            throw new IllegalArgumentException("add: COLLECTING and IN_UNREACHABLE are set through the mark");
        }
        flags.set(id, flags.get(id) | flag);
    }

    /** Clears flags; clearing COLLECTING (with or without IN_UNREACHABLE) takes the object out of the collection. */
    void clear(int id, int flag) {
        if ((flag & MARK_BITS) == IN_UNREACHABLE) {
            throw new IllegalArgumentException("clear: IN_UNREACHABLE alone would leave gc_refs undefined");
        }
        if ((flag & COLLECTING) != 0) {
            marks.set(id, NOT_COLLECTING);
        }
        flags.set(id, flags.get(id) & ~flag);
    }

    // ---- lists, by header index and object id

    /** First object id of the list, or 0 when it is empty. */
    int first(int header) {
        int n = next(header);
        return n == header ? 0 : id(n);
    }

    /** The object after {@code id} in its list, or 0 at the end of list {@code header}. */
    int after(int id, int header) {
        int n = next(node(id));
        return n == header ? 0 : id(n);
    }

    boolean isEmpty(int header) {
        return next(header) == header;
    }

    void append(int header, int id) {
        int n = node(id);
        int last = prev(header);
        setNext(last, n);
        setPrev(n, last);
        setNext(n, header);
        setPrev(header, n);
    }

    void unlink(int id) {
        int n = node(id);
        int p = prev(n);
        int x = next(n);
        setNext(p, x);
        setPrev(x, p);
        setNext(n, 0);
        setPrev(n, 0);
    }

    void moveTo(int header, int id) {
        unlink(id);
        append(header, id);
    }

    /** Appends every object of {@code from} to the end of {@code to}; {@code from} becomes empty. */
    void splice(int from, int to) {
        if (from == to || isEmpty(from)) {
            return;
        }
        int firstNode = next(from);
        int lastNode = prev(from);
        int toLast = prev(to);
        setNext(toLast, firstNode);
        setPrev(firstNode, toLast);
        setNext(lastNode, to);
        setPrev(to, lastNode);
        setNext(from, from);
        setPrev(from, from);
    }

    int size(int header) {
        int count = 0;
        for (int n = next(header); n != header; n = next(n)) {
            count++;
        }
        return count;
    }

    int[] toArray(int header) {
        int[] ids = new int[size(header)];
        int i = 0;
        for (int n = next(header); n != header; n = next(n)) {
            ids[i++] = id(n);
        }
        return ids;
    }

    long storageBytes() {
        return links.capacityBytes() + flags.capacityBytes() + marks.capacityBytes();
    }
}
