package dev.shadowheap.samples.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The expectation line: exact JSON, statements that add up, and refusal of impossible counts. */
class ExpectationTest {
    private static final Shape PAIR = Shape.of(Label.parse("P.b"), Label.parse("P.a"));
    private static final Shape SELF = Shape.of(Label.parse("T.cause"));

    @Test
    void printsOneJsonLineWithShapesInOrderAndTotals() {
        Expectation expectation = Expectation.forApp("Some\"App").cycles(SELF, 3, 3).cycles(PAIR, 2, 4)
                .cycles(PAIR, 1, 2).hangersOn(5);

        assertEquals("shadowheap-expected: {\"app\":\"Some\\\"App\",\"jdk\":" + Runtime.version().feature()
                + ",\"cycles\":[{\"shape\":\"P.a -> P.b\",\"count\":3,\"objects\":6},"
                + "{\"shape\":\"T.cause\",\"count\":3,\"objects\":3}],"
                + "\"cycleCount\":6,\"hangersOn\":5,\"leakedObjects\":14}", expectation.line());
    }

    @Test
    void anAppWithoutStatementsExpectsNothing() {
        Expectation clean = Expectation.forApp("Clean");
        assertEquals(0, clean.totalLeakedObjects());
        assertTrue(clean.toJson().contains("\"cycles\":[]"));
    }

    @Test
    void rejectsCountsNoCycleCouldHave() {
        Expectation expectation = Expectation.forApp("A");
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> expectation.cycles(PAIR, 2, 3));
        assertTrue(tooFew.getMessage().contains("at least 4"), tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> expectation.cycles(PAIR, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> expectation.cycles(null, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> expectation.hangersOn(-1));
        assertThrows(IllegalArgumentException.class, () -> Expectation.forApp(" "));
        assertEquals(0, expectation.totalLeakedObjects(), "rejected statements leave it unchanged");
    }
}
