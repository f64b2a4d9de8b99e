package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cycles closed by stores the JDK makes without a plain {@code putfield}: {@code ConcurrentHashMap}
 * writes its table slots through {@code Unsafe}, {@code AtomicReference} through a {@code VarHandle}.
 */
public final class ConcurrentStoresApp implements SampleApp {
    static final int SESSIONS = 400;
    static final int HOLDERS_PER_OPERATION = 150;

    /** A session whose attribute map contains the session itself. */
    static final class Session {
        final ConcurrentHashMap<Integer, Object> attributes = new ConcurrentHashMap<>();
    }

    /** An object that refers to itself through an AtomicReference. */
    static final class Holder {
        final AtomicReference<Holder> ref = new AtomicReference<>();
        final int id;

        Holder(int id) {
            this.id = id;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new ConcurrentStoresApp());
    }

    @Override
    public void run(SampleContext context) {
        long sum = 0;
        for (int i = 0; i < SESSIONS; i++) {
            Session session = new Session();
            // Keys 0 and 1 are small cached Integers, made before any agent: never tracked, never leak.
            session.attributes.put(0, session);
            session.attributes.put(1, new Payload(i));
            sum += ((Payload) session.attributes.get(1)).value();
            context.letGo(session);
        }
        // put creates the table (a ConcurrentHashMap$Node[16]) on first use and writes bins with Unsafe.
        // Session -> map -> table -> Node(0) -> val -> Session: 4 objects in the loop. Node(1) and its
        // payload hang on (keys are untracked cached Integers).
        String node = "java.util.concurrent.ConcurrentHashMap$Node";
        context.expect()
                .cycles(Shape.of(Label.field(Session.class, "attributes"),
                        Label.field(ConcurrentHashMap.class, "table"),
                        Label.elements(arrayOf(node)), Label.field(node, "val")), SESSIONS, 4L * SESSIONS)
                .hangersOn(2L * SESSIONS);

        // Every way AtomicReference can store: set, lazySet, compareAndSet, getAndSet.
        for (int i = 0; i < 4 * HOLDERS_PER_OPERATION; i++) {
            Holder holder = new Holder(i);
            switch (i % 4) {
                case 0 -> holder.ref.set(holder);
                case 1 -> holder.ref.lazySet(holder);
                case 2 -> holder.ref.compareAndSet(null, holder);
                default -> holder.ref.getAndSet(holder);
            }
            sum += holder.ref.get().id;
            context.letGo(holder);
        }
        // Holder.ref -> AtomicReference, AtomicReference.value -> Holder: 2 objects per loop.
        context.expect().cycles(Shape.of(Label.field(Holder.class, "ref"),
                Label.field(AtomicReference.class, "value")), 4L * HOLDERS_PER_OPERATION, 8L * HOLDERS_PER_OPERATION);
        context.out().println("sessions: " + SESSIONS + ", holders: " + 4 * HOLDERS_PER_OPERATION + ", sum " + sum);
    }

    private static Class<?> arrayOf(String componentName) {
        try {
            return Class.forName("[L" + componentName + ";");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no array class for " + componentName, e);
        }
    }
}
