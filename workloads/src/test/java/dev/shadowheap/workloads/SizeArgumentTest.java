package dev.shadowheap.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeArgumentTest {

    @Test
    void defaultsWhenAbsentAndParsesWhenGiven() {
        assertEquals(7, SizeArgument.parse(new String[0], "x", 7));
        assertEquals(3, SizeArgument.parse(new String[] {" 3 "}, "x", 7));
    }

    @Test
    void badSizesAreRejectedByName() {
        assertMessage(new String[] {"many"}, "'many'");
        assertMessage(new String[] {"0"}, "at least 1");
        assertMessage(new String[] {"1", "2"}, "one size argument");
    }

    private static void assertMessage(String[] args, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SizeArgument.parse(args, "lucene", 1));
        assertTrue(e.getMessage().startsWith("lucene: ") && e.getMessage().contains(expected), e.getMessage());
    }
}
