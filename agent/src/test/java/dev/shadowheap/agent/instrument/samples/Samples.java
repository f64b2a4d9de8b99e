package dev.shadowheap.agent.instrument.samples;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/** Code the visitor tests rewrite and run in a child loader. Line numbers matter to the tests. */
public final class Samples {

    public static Object root;

    public static final class Node {
        public Node next;
        public Node prev;

        public Node(Node prev) {
            if (prev != null) {
                prev.next = this; // the new node must already be tracked here
            }
            this.prev = prev;
        }
    }

    /** An inner class: javac stores this$0 before super(), on uninitializedThis. */
    public final class Inner {
        public Object payload;

        public Inner(Object payload) {
            this.payload = payload;
        }
    }

    public static final class Cell {
        static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        public volatile Object value;

        public boolean cas(Object expected, Object replacement) {
            return VALUE.compareAndSet(this, expected, replacement);
        }

        public Object swap(Object replacement) {
            return (Object) VALUE.getAndSet(this, replacement);
        }
    }

    private Samples() {
    }

    public static Node twoNodes() {
        Node first = new Node(null);
        return new Node(first);
    }

    public static Object inner(Object payload) {
        return new Samples().new Inner(payload);
    }

    public static Object[] storeInto(Object[] array, Object value) {
        array[0] = value;
        return array;
    }

    public static Object[] copy(Object[] from) {
        Object[] to = new Object[from.length];
        System.arraycopy(from, 0, to, 0, from.length);
        return to;
    }

    public static Object[][] grid() {
        return new Object[2][3];
    }

    public static Object[] cloned(Object[] array) {
        return array.clone();
    }

    public static Supplier<Object> capture(Object captured) {
        return () -> captured;
    }

    public static void setRoot(Object value) {
        root = value;
    }
}
