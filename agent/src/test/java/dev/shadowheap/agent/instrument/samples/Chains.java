package dev.shadowheap.agent.instrument.samples;

/** Constructor chains, loaded rewritten by the tests: each constructor of a chain calls the {@code constructed} hook. */
public final class Chains {

    private Chains() {
    }

    public static class Base {
        public Object first;

        public Base(boolean nested) {
            first = this;
            if (nested) {
                // A same-class allocation whose constructor throws after its super constructor returned: its pending
                // entry stays on top of the outer allocation's for the rest of the outer chain.
                try {
                    new Leaf(true, false);
                } catch (IllegalStateException expected) {
                    // the allocation failed; the outer object is still being built
                }
            }
        }
    }

    public static class Middle extends Base {
        public Object second;

        public Middle(boolean nested) {
            super(nested);
            second = this;
        }
    }

    public static class Leaf extends Middle {
        public Object third;

        public Leaf(boolean fail, boolean nested) {
            super(nested);
            if (fail) {
                throw new IllegalStateException("constructor failed");
            }
            third = this;
        }
    }

    /** Serializable without a declared serialVersionUID: the JDK derives one from the class's shape. */
    public static class Saved implements java.io.Serializable {
        public Object value;
        public int count;
    }

    public interface Shape {
    }

    public enum Color { RED, GREEN }

    public record Point(int x, Object y) {
    }

    public static Leaf leaf() {
        return new Leaf(false, false);
    }

    public static Leaf leafSurvivingAFailedInnerLeaf() {
        return new Leaf(false, true);
    }

    public static Middle middle() {
        return new Middle(false);
    }

    /** One array of each kind the rewriting knows the element class of: primitive, of a class, of arrays. */
    public static Object[] arrays() {
        return new Object[] {new int[3], new Middle[2], new Leaf[2][2]};
    }

    public static Leaf leafByReflection() throws ReflectiveOperationException {
        return Leaf.class.getConstructor(boolean.class, boolean.class).newInstance(false, false);
    }
}
