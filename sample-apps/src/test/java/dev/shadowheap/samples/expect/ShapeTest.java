package dev.shadowheap.samples.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical shape text, checked against strings written out by hand from the format's rules. */
class ShapeTest {

    private static Shape shape(String... labels) {
        return Shape.of(java.util.Arrays.stream(labels).map(Label::parse).toList());
    }

    @Test
    void rotatesToTheLexicographicallySmallestSequenceWhereverTheWalkStarts() {
        String expected = "DoublyLinkedListApp$Node.next -> DoublyLinkedListApp$Node.prev";
        assertEquals(expected, shape("DoublyLinkedListApp$Node.next", "DoublyLinkedListApp$Node.prev").toString());
        assertEquals(expected, shape("DoublyLinkedListApp$Node.prev", "DoublyLinkedListApp$Node.next").toString());
        // Plain String order: '$' < '.' < '[' and upper case before lower case.
        assertEquals("ArrayList.elementData -> Object[][*] -> Tree.parent -> Tree.children",
                shape("Tree.children", "ArrayList.elementData", "Object[][*]", "Tree.parent").toString());
        assertEquals("Outer$Inner.this$0 -> Outer.inner", shape("Outer.inner", "Outer$Inner.this$0").toString());
    }

    @Test
    void writesARunOfOneLabelOnceWithAPlus() {
        assertEquals("Ring$Node.next+", shape("Ring$Node.next", "Ring$Node.next", "Ring$Node.next").toString());
        assertEquals("Throwable.cause", shape("Throwable.cause").toString());
        // The run a, a wraps around the end of the walk.
        assertEquals("A.a+ -> B.b", shape("A.a", "B.b", "A.a").toString());
        assertEquals("A.a -> B.b+ -> C.c", shape("B.b", "C.c", "A.a", "B.b").toString());
    }

    @Test
    void repeatedWalksAreNotCompressedWhenTheyAlternate() {
        Label edges = Label.parse("G$Node.edges");
        Label element = Label.parse("G$Node[][*]");
        assertEquals("G$Node.edges -> G$Node[][*] -> G$Node.edges -> G$Node[][*]",
                Shape.repeated(2, element, edges).toString());
        assertEquals(4, Shape.repeated(2, element, edges).minimumLength());
        assertEquals(2, shape("R.next", "R.next", "R.next").minimumLength());
    }

    @Test
    void rejectsEmptyOrBrokenInput() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Shape.of(List.of()));
        assertTrue(empty.getMessage().contains("at least one"));
        assertThrows(IllegalArgumentException.class, () -> Shape.repeated(0, Label.parse("A.a")));
        assertThrows(IllegalArgumentException.class, () -> Label.parse("A.a -> B.b"));
        assertThrows(IllegalArgumentException.class, () -> Label.parse("A.a+"));
    }
}
