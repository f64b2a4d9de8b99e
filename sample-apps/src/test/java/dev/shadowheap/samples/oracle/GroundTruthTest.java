package dev.shadowheap.samples.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.samples.Payload;
import dev.shadowheap.samples.SampleApp;
import dev.shadowheap.samples.SampleContext;
import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle itself: it must see what is really there, and fail apps that state something else. */
class GroundTruthTest {

    static final class Pair {
        Pair other;
        Object extra;
    }

    /** Two mutual pairs with one payload each, one self-loop, one plain chain that is freed. */
    static final class KnownGraphApp implements SampleApp {
        private final long statedPairs;

        KnownGraphApp(long statedPairs) {
            this.statedPairs = statedPairs;
        }

        @Override
        public void run(SampleContext context) {
            for (int i = 0; i < 2; i++) {
                Pair a = new Pair();
                Pair b = new Pair();
                a.other = b;
                b.other = a;
                a.extra = new Payload(i);
                context.letGo(a);
            }
            Pair self = new Pair();
            self.other = self;
            context.letGo(self);
            Pair head = new Pair();
            head.other = new Pair();
            head.other.extra = new Payload(9);
            context.letGo(head);
            Label other = Label.field(Pair.class, "other");
            context.expect().cycles(Shape.of(other, other), statedPairs, 2 * statedPairs).hangersOn(2)
                    .cycles(Shape.of(other), 1, 1);
        }
    }

    /** Claims to drop a list it actually keeps in a static field. */
    static final class KeepsItsDataApp implements SampleApp {
        static final List<Object> KEPT = new ArrayList<>();

        @Override
        public void run(SampleContext context) {
            Object[] data = {new Payload(1)};
            KEPT.add(data);
            context.letGo(data);
        }
    }

    @Test
    void observesCyclesShapesAndHangersOnOfAHandBuiltGraph() {
        GroundTruth.Comparison comparison = GroundTruth.check(new KnownGraphApp(2));

        assertEquals("GroundTruthTest$Pair.other : 1 cycles, 1 objects\n"
                + "GroundTruthTest$Pair.other+ : 2 cycles, 4 objects\n"
                + "hangers-on: 2", comparison.observedSummary());
        assertTrue(comparison.matches());
        // 2 x (2 pairs + payload) + self + head + tail + payload, plus the dropped expectation's own parts.
        assertTrue(comparison.deadObjects() > 10, "dead: " + comparison.deadObjects());
    }

    @Test
    void failsAnAppThatStatesTheWrongCount() {
        GroundTruth.Comparison comparison = GroundTruth.check(new KnownGraphApp(3));

        assertFalse(comparison.matches(), comparison.statedSummary());
    }

    @Test
    void noticesAStructureThatWasNotReallyDropped() {
        GroundTruth.Comparison comparison = GroundTruth.check(new KeepsItsDataApp());

        assertEquals(1, comparison.rootsStillAlive());
        assertFalse(comparison.matches());
        KeepsItsDataApp.KEPT.clear();
    }
}
