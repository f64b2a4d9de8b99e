package dev.shadowheap.agent.instrument;

/**
 * The field the agent adds to application classes it sees defined, so that an object's shadow id is read from the
 * object itself instead of being looked up in an identity table (two cache misses per lookup on a large heap, and a
 * lookup for every owner and target of every store).
 *
 * <p>The field is {@code private transient} and synthetic: default serialization skips it and it does not enter the
 * default {@code serialVersionUID}, and reflective tools that honour the synthetic flag skip it. Only the topmost
 * class of an application hierarchy declares it (one whose superclass is a JDK class): its subclasses inherit it.
 * What it holds is {@linkplain #pack packed} with the object's identity hash, so that a copy made by {@code clone()}
 * (which copies every field) is never taken for the original.
 */
public final class IdField {

    public static final String NAME = "$shadowheap$id";
    public static final String DESCRIPTOR = "J";

    private static final int ID_BITS = 29;
    private static final int EPOCH_BITS = 4;
    private static final long ID_MASK = (1L << ID_BITS) - 1;
    private static final long EPOCH_MASK = (1L << EPOCH_BITS) - 1;

    private IdField() {
    }

    /**
     * The field's value for the object with this identity hash and shadow id, registered in the identity table of
     * this epoch (a tracking window's table; ids are reused across windows). Never 0 for an id above 0.
     */
    public static long pack(int identityHash, int epoch, int id) {
        return ((long) identityHash << (ID_BITS + EPOCH_BITS)) | ((epoch & EPOCH_MASK) << ID_BITS) | (id & ID_MASK);
    }

    /** The id in {@code value} if it was packed for this object's identity hash and this epoch, else 0. */
    public static int unpack(long value, int identityHash, int epoch) {
        if (value == 0 || (int) (value >>> (ID_BITS + EPOCH_BITS)) != identityHash
                || ((value >>> ID_BITS) & EPOCH_MASK) != (epoch & EPOCH_MASK)) {
            return 0;
        }
        return (int) (value & ID_MASK);
    }

    /** Whether a class whose superclass has this internal name gets the field itself rather than inheriting it. */
    public static boolean declaredBelow(String superInternalName) {
        return superInternalName.startsWith("java/") || superInternalName.startsWith("javax/")
                || superInternalName.startsWith("jdk/") || superInternalName.startsWith("sun/")
                || superInternalName.startsWith("com/sun/");
    }
}
