package dev.shadowheap.model.pymalloc;

/**
 * How big the CPython counterpart of a shadow object would be: the request sizes that
 * {@link PymallocHeapListener} hands to {@link Pymalloc}.
 *
 * <ul>
 *   <li><b>Instances</b>: the JVM shallow size, plus the 16-byte {@code PyGC_Head} pre-header when
 *       the class is a container. A JVM header (12 bytes with compressed class pointers, 16 without)
 *       stands in for {@code PyObject_HEAD} (16), and the fields for the slots of a
 *       {@code __slots__} class; the JVM packs fields tighter (4-byte compressed references, small
 *       primitives) than CPython's 8-byte slots, so the request is a slight underestimate, but it
 *       follows the real object's size instead of a guess about its Python translation. Example:
 *       an object with one reference field is 16 bytes on the JVM, so a 32-byte request (class 1);
 *       CPython's one-slot object is 40.</li>
 *   <li><b>Reference arrays</b> become a Python {@code list}: the list object (40 bytes, plus the
 *       16-byte GC head for containers: 56, as {@code sys.getsizeof([])} shows) and, when the array
 *       is not empty, a separate item block of 8 bytes per element, as {@code list} allocates its
 *       item array apart from the object. More than 64 elements make that block a system-malloc
 *       request (over 512 bytes), as for a real list.</li>
 * </ul>
 */
public final class ObjectSizeMapping {

    /** {@code sizeof(PyGC_Head)} on 64-bit builds since 3.8. */
    public static final int GC_HEAD = 16;
    /** {@code sizeof(PyListObject)}: header, size, item pointer, allocated. */
    public static final int LIST_OBJECT = 40;
    /** One item pointer in a list's item array. */
    public static final int POINTER = 8;

    private ObjectSizeMapping() {
    }

    /** The request for a non-array object's (only) block. */
    public static int instanceRequest(int shallowSize, boolean container) {
        if (shallowSize < 0) {
            throw new IllegalArgumentException("instanceRequest: negative shallow size " + shallowSize);
        }
        return container ? Math.addExact(shallowSize, GC_HEAD) : shallowSize;
    }

    /** The request for the list object that stands for a reference array. */
    public static int listObjectRequest(boolean container) {
        return container ? LIST_OBJECT + GC_HEAD : LIST_OBJECT;
    }

    /** The request for a reference array's item block; 0 means no item block (empty list). */
    public static int listItemsRequest(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("listItemsRequest: negative length " + length);
        }
        return Math.multiplyExact(length, POINTER);
    }
}
