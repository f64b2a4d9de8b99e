package dev.shadowheap.agent.instrument;

/**
 * Which allocations the rewriting reports, by the class of the object made, decided once per class file when it is
 * rewritten. An allocation of a class that can never be tracked (the user's include/exclude filters leave it out) gets
 * no hook at all: a hook would cost a call and an identity hash per object only to be told "not selected", and the
 * object it is passed to escapes, so the JIT can no longer replace a short-lived allocation by its fields.
 *
 * <p>Only allocations whose exact class is in the instruction are decided here ({@code NEW}, the array
 * instructions, and the self-report of a class's own constructors). Copies ({@code clone()}, {@code Arrays.copyOf})
 * and lambdas make objects of a class known only at run time; their hooks stay and the sink decides. Stores are
 * never narrowed: a store into a tracked object may come from any class (see {@link InstrumentationScope}).
 */
public interface TrackedAllocations {

    /** Every allocation is reported: a run without filters. */
    TrackedAllocations ALL = new TrackedAllocations() {
        @Override
        public boolean tracks(String className) {
            return true;
        }

        @Override
        public String identity() {
            return "all";
        }
    };

    /**
     * Whether objects of the class with this binary name ({@code a.b.C$D}; for an array, its innermost element type,
     * such as {@code int} or {@code a.b.C}) may be tracked.
     */
    boolean tracks(String className);

    /** Tells apart rewritings that differ only in this choice, for the rewrite cache: equal texts, equal choices. */
    String identity();

    /** The binary name of the innermost element class of an array descriptor ({@code [[La/b/C;} is {@code a.b.C}). */
    static String innermostElement(String arrayDescriptor) {
        int dims = 0;
        while (arrayDescriptor.charAt(dims) == '[') {
            dims++;
        }
        net.bytebuddy.jar.asm.Type element = net.bytebuddy.jar.asm.Type.getType(arrayDescriptor.substring(dims));
        return element.getClassName();
    }
}
