package dev.shadowheap.model.gc;

/**
 * The collector's object lists, as CPython keeps them in the {@code PyGC_Head} of each object: circular
 * doubly-linked lists with a header node, stored as int links in chunked arrays. Node {@code n} of
 * an object is {@code id + HEADERS}; nodes {@code 0 .. HEADERS-1} are the list headers. Appending,
 * unlinking and splicing whole lists are O(1), and no Java object exists per tracked object.
 *
 * <p>Also holds the per-object collector state CPython keeps in the same header: flag bits and the
 * transient {@code gc_refs}.
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
    /** In the set being collected; gc_refs is meaningful. */
    static final int COLLECTING = 4;
    /** Currently on the tentative unreachable list of move_unreachable. */
    static final int IN_UNREACHABLE = 8;
    /** Referenced from gc.garbage: an external reference the shadow heap does not count. */
    static final int IN_GARBAGE = 16;
    /** Incremental GC: the object's old-space bit (which of the two old spaces it belongs to). */
    static final int SPACE_1 = 32;
    /** In the permanent generation (gc.freeze): never examined, never marked. */
    static final int FROZEN = 64;

    private final ChunkedInts next = new ChunkedInts();
    private final ChunkedInts prev = new ChunkedInts();
    private final ChunkedInts flags = new ChunkedInts();
    private final ChunkedInts gcRefs = new ChunkedInts();

    GcLists() {
        for (int header = 0; header < HEADERS; header++) {
            next.set(header, header);
            prev.set(header, header);
        }
    }

    static int node(int id) {
        return id + HEADERS;
    }

    static int id(int node) {
        return node - HEADERS;
    }

    // ---- flags and gc_refs, by object id

    int flags(int id) {
        return flags.get(id);
    }

    boolean has(int id, int flag) {
        return (flags.get(id) & flag) != 0;
    }

    void setFlags(int id, int value) {
        flags.set(id, value);
    }

    void add(int id, int flag) {
        flags.set(id, flags.get(id) | flag);
    }

    void clear(int id, int flag) {
        flags.set(id, flags.get(id) & ~flag);
    }

    int gcRefs(int id) {
        return gcRefs.get(id);
    }

    void setGcRefs(int id, int value) {
        gcRefs.set(id, value);
    }

    // ---- lists, by header index and object id

    /** First object id of the list, or 0 when it is empty. */
    int first(int header) {
        int n = next.get(header);
        return n == header ? 0 : id(n);
    }

    /** The object after {@code id} in its list, or 0 at the end of list {@code header}. */
    int after(int id, int header) {
        int n = next.get(node(id));
        return n == header ? 0 : id(n);
    }

    boolean isEmpty(int header) {
        return next.get(header) == header;
    }

    void append(int header, int id) {
        int n = node(id);
        int last = prev.get(header);
        next.set(last, n);
        prev.set(n, last);
        next.set(n, header);
        prev.set(header, n);
    }

    void unlink(int id) {
        int n = node(id);
        int p = prev.get(n);
        int x = next.get(n);
        next.set(p, x);
        prev.set(x, p);
        next.set(n, 0);
        prev.set(n, 0);
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
        int firstNode = next.get(from);
        int lastNode = prev.get(from);
        int toLast = prev.get(to);
        next.set(toLast, firstNode);
        prev.set(firstNode, toLast);
        next.set(lastNode, to);
        prev.set(to, lastNode);
        next.set(from, from);
        prev.set(from, from);
    }

    int size(int header) {
        int count = 0;
        for (int n = next.get(header); n != header; n = next.get(n)) {
            count++;
        }
        return count;
    }

    int[] toArray(int header) {
        int[] ids = new int[size(header)];
        int i = 0;
        for (int n = next.get(header); n != header; n = next.get(n)) {
            ids[i++] = id(n);
        }
        return ids;
    }

    long storageBytes() {
        return next.capacityBytes() + prev.capacityBytes() + flags.capacityBytes() + gcRefs.capacityBytes();
    }
}
