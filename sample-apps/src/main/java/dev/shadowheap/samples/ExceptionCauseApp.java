package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;

/**
 * Exceptions: {@code Throwable.cause} starts out as {@code this} ("cause not yet known"), so every new
 * throwable whose cause is never set is a one-object loop.
 */
public final class ExceptionCauseApp implements SampleApp {
    static final int PLAIN = 600;
    static final int WRAPPED = 200;
    static final int CAUSE_CLEARED = 200;

    /** An application exception carrying a payload. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Payload detail;

        Failure(Payload detail) {
            this.detail = detail;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new ExceptionCauseApp());
    }

    @Override
    public void run(SampleContext context) {
        long handled = 0;
        for (int i = 0; i < PLAIN; i++) {
            try {
                throw new Failure(new Payload(i));
            } catch (Failure caught) {
                handled += caught.detail.value();
                context.letGo(caught);
            }
        }
        // Each plain failure references itself through cause: one self-loop, shape Throwable.cause (the
        // field is declared by Throwable). Its payload hangs on. The stack trace lives in the JVM-internal
        // field backtrace, which no Java code stores to; stackTrace and suppressedExceptions point at
        // shared JDK constants that never die.
        Shape selfCause = Shape.of(Label.field(Throwable.class, "cause"));
        context.expect().cycles(selfCause, PLAIN, PLAIN).hangersOn(PLAIN);

        for (int i = 0; i < WRAPPED; i++) {
            try {
                Failure root = new Failure(new Payload(i));
                Failure wrapper = new Failure(new Payload(-i));
                wrapper.initCause(root);
                throw wrapper;
            } catch (Failure caught) {
                handled += ((Failure) caught.getCause()).detail.value();
                context.letGo(caught);
            }
        }
        // initCause replaced the wrapper's self-reference, so the wrapper is freed (with its payload);
        // the root cause still points at itself and leaks with its payload.
        context.expect().cycles(selfCause, WRAPPED, WRAPPED).hangersOn(WRAPPED);

        for (int i = 0; i < CAUSE_CLEARED; i++) {
            Failure failure = new Failure(new Payload(i));
            // initCause(null) says "no cause" and breaks the self-loop: nothing leaks.
            failure.initCause(null);
            handled += failure.detail.value();
            context.letGo(failure);
        }
        context.out().println("failures handled: " + (PLAIN + WRAPPED + CAUSE_CLEARED) + ", detail sum " + handled);
    }
}
