package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;

/** A non-static inner class stored in its outer instance: {@code this$0} points straight back. */
public final class InnerClassApp implements SampleApp {
    static final int STORED = 1000;
    static final int DETACHED = 200;

    /** Keeps one of its own inner objects. */
    static final class Outer {
        Inner inner;
        final int value;

        Outer(int value) {
            this.value = value;
        }

        /**
         * Reads the outer field, so javac must keep the hidden {@code this$0} field (since JDK 18 javac
         * drops it from inner classes that never use their outer instance).
         */
        final class Inner {
            int outerValue() {
                return value;
            }
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new InnerClassApp());
    }

    @Override
    public void run(SampleContext context) {
        long sum = 0;
        for (int i = 0; i < STORED; i++) {
            Outer outer = new Outer(i);
            outer.inner = outer.new Inner();
            sum += outer.inner.outerValue();
            context.letGo(outer);
        }
        // outer.inner -> Inner, Inner.this$0 -> outer: two objects per loop, nothing else attached.
        context.expect().cycles(Shape.of(Label.field(Outer.class, "inner"),
                Label.field(Outer.Inner.class, "this$0")), STORED, STORED * 2L);

        // An inner object that is used and dropped without being stored in its outer: it points at the
        // outer, the outer does not point back, so both are freed by reference counting.
        for (int i = 0; i < DETACHED; i++) {
            Outer outer = new Outer(i);
            Outer.Inner detached = outer.new Inner();
            sum += detached.outerValue();
            context.letGo(detached);
        }
        context.out().println("inner objects made: " + (STORED + DETACHED) + ", value sum " + sum);
    }
}
