package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The README demo: four everyday Java idioms that the JVM's tracing collector cleans up without a
 * thought, but that reference counting alone (CPython without its cycle collector) would leak.
 */
public final class Demo implements SampleApp {
    static final int ORDERS = 100;
    static final int LINES_PER_ORDER = 3;
    static final int SONGS = 50;
    static final int BUTTONS = 100;
    static final int ERRORS = 100;

    /** An order owns its lines... */
    static final class Order {
        final List<OrderLine> lines = new ArrayList<>();
    }

    /** ...and each line knows its order. */
    static final class OrderLine {
        final Order order;
        final Payload quantity;

        OrderLine(Order order, Payload quantity) {
            this.order = order;
            this.quantity = quantity;
        }
    }

    /** A playlist entry linked both ways. */
    static final class Song {
        Song previous;
        Song next;
    }

    /** A button whose click handler is a lambda that uses the button. */
    static final class Button {
        Runnable onClick;
        int clicks;

        Button() {
            onClick = () -> clicks++;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new Demo());
    }

    @Override
    public void run(SampleContext context) {
        var out = context.out();
        out.println("shadowheap demo: what would reference counting alone leak?");

        for (int i = 0; i < ORDERS; i++) {
            Order order = new Order();
            for (int l = 0; l < LINES_PER_ORDER; l++) {
                order.lines.add(new OrderLine(order, new Payload(l + 1)));
            }
            context.letGo(order);
        }
        out.println("1. " + ORDERS + " orders with " + LINES_PER_ORDER + " lines each; every line points back to its order.");
        // Order -> ArrayList -> Object[] -> OrderLine -> Order. Per order: the order, its list, the list's
        // array and 3 lines are one loop (6 objects); each line's quantity hangs on.
        context.expect().cycles(Shape.of(Label.field(Order.class, "lines"), Label.field(ArrayList.class, "elementData"),
                        Label.elements(Object[].class), Label.field(OrderLine.class, "order")),
                ORDERS, ORDERS * (3L + LINES_PER_ORDER))
                .hangersOn((long) ORDERS * LINES_PER_ORDER);

        Song first = new Song();
        Song last = first;
        for (int i = 1; i < SONGS; i++) {
            Song song = new Song();
            song.previous = last;
            last.next = song;
            last = song;
        }
        context.letGo(first);
        out.println("2. a playlist of " + SONGS + " songs linked both ways.");
        // Neighbours point at each other: all 50 songs are one strongly connected component.
        context.expect().cycles(Shape.of(Label.field(Song.class, "next"), Label.field(Song.class, "previous")), 1, SONGS);

        int clicks = 0;
        Label lambdaCapture = null;
        for (int i = 0; i < BUTTONS; i++) {
            Button button = new Button();
            button.onClick.run();
            clicks += button.clicks;
            lambdaCapture = Label.field(button.onClick.getClass(), "arg$1");
            context.letGo(button);
        }
        out.println("3. " + BUTTONS + " buttons whose click lambda captures the button (" + clicks + " clicks).");
        // button.onClick -> the lambda object; the lambda's captured this (arg$1) -> button.
        context.expect().cycles(Shape.of(Label.field(Button.class, "onClick"), lambdaCapture), BUTTONS, 2L * BUTTONS);

        for (int i = 0; i < ERRORS; i++) {
            try {
                throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                context.letGo(e);
            }
        }
        out.println("4. " + ERRORS + " exceptions thrown and caught; a Throwable starts out as its own cause.");
        context.expect().cycles(Shape.of(Label.field(Throwable.class, "cause")), ERRORS, ERRORS);

        out.println("The JVM frees all of it. Reference counting alone would keep "
                + context.expect().totalLeakedObjects() + " objects in " + context.expect().totalCycles()
                + " cycles; run with -javaagent:shadowheap-agent.jar to see them found.");
    }
}
