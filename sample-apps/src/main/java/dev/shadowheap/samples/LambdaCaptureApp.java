package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;

/**
 * A lambda (or method reference) that captures {@code this}, stored in a field of the same object. The
 * lambda is an instance of a hidden class whose captured value lives in the field {@code arg$1}.
 */
public final class LambdaCaptureApp implements SampleApp {
    static final int LAMBDA_WIDGETS = 600;
    static final int METHOD_REFERENCE_WIDGETS = 400;
    static final int QUIET_WIDGETS = 200;

    /** A widget whose click handler refers back to the widget. */
    static final class Widget {
        Runnable onClick;
        int clicks;

        static Widget withLambda() {
            Widget widget = new Widget();
            widget.onClick = widget.clickHandler();
            return widget;
        }

        static Widget withMethodReference() {
            Widget widget = new Widget();
            widget.onClick = widget::click;
            return widget;
        }

        /** Does not capture anything: the JDK hands out one shared instance per call site. */
        static Widget quiet() {
            Widget widget = new Widget();
            widget.onClick = () -> { };
            return widget;
        }

        private Runnable clickHandler() {
            return () -> clicks++;
        }

        private void click() {
            clicks += 2;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new LambdaCaptureApp());
    }

    @Override
    public void run(SampleContext context) {
        long clicks = 0;
        Label capturedThis = null;
        for (int i = 0; i < LAMBDA_WIDGETS + METHOD_REFERENCE_WIDGETS; i++) {
            Widget widget = i < LAMBDA_WIDGETS ? Widget.withLambda() : Widget.withMethodReference();
            widget.onClick.run();
            clicks += widget.clicks;
            // The hidden class is named after Widget (Widget$$Lambda, counter and address removed); the
            // label is read off the real object so a JDK that renamed arg$1 would fail here, loudly.
            capturedThis = Label.field(widget.onClick.getClass(), "arg$1");
            context.letGo(widget);
        }
        // widget.onClick -> lambda, lambda.arg$1 -> widget: a two-object loop per widget. The lambda and
        // the method reference are different hidden classes but display the same, so one shape.
        context.expect().cycles(Shape.of(Label.field(Widget.class, "onClick"), capturedThis),
                LAMBDA_WIDGETS + METHOD_REFERENCE_WIDGETS, 2L * (LAMBDA_WIDGETS + METHOD_REFERENCE_WIDGETS));

        // A non-capturing lambda is a singleton kept alive by its call site: the widget holds it, it does
        // not hold the widget, so the widget is freed and the singleton never dies.
        for (int i = 0; i < QUIET_WIDGETS; i++) {
            Widget widget = Widget.quiet();
            widget.onClick.run();
            context.letGo(widget);
        }
        context.out().println("widgets clicked: " + (LAMBDA_WIDGETS + METHOD_REFERENCE_WIDGETS + QUIET_WIDGETS)
                + ", clicks " + clicks);
    }
}
