package dev.shadowheap.samples.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Labels and display names follow the report format and reject what cannot be an edge. */
class LabelTest {
    private Object captured = this;

    @Test
    void namesFieldsByTheirDeclaringClassWithoutPackage() {
        assertEquals("LinkedList$Node.next", Label.field("java.util.LinkedList$Node", "next").toString());
        assertEquals("Throwable.cause", Label.field(Throwable.class, "cause").toString());
        assertEquals("Object[][*]", Label.elements(Object[].class).toString());
        assertEquals("LinkedList[][][*]", Label.elements(LinkedList[][].class).toString());
    }

    @Test
    void hidesTheRunToRunPartOfLambdaClassNames() {
        assertEquals("Outer$$Lambda", ClassNames.displayName("com.example.Outer$$Lambda$14/0x0000000800c03000"));
        assertEquals("Outer$$Lambda", ClassNames.displayName("com.example.Outer$$Lambda/0x0000000032040218"));
        Supplier<Object> lambda = () -> captured;
        assertEquals("LabelTest$$Lambda.arg$1", Label.field(lambda.getClass(), "arg$1").toString());
    }

    @Test
    void rejectsFieldsThatCannotHoldAReference() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Label.field(Throwable.class, "nope"));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Label.field(Throwable.class, "depth"));
        assertThrows(IllegalArgumentException.class, () -> Label.field(Throwable.class, "UNASSIGNED_STACK"));
        assertThrows(IllegalArgumentException.class, () -> Label.field("no.such.Clazz", "x"));
        assertThrows(IllegalArgumentException.class, () -> Label.elements(int[].class));
        assertThrows(IllegalArgumentException.class, () -> Label.elements(String.class));
    }
}
