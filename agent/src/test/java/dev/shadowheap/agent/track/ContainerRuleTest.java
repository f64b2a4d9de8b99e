package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The documented rule for which Java classes are CPython GC containers (docs/agent.md). */
class ContainerRuleTest {

    private final ContainerRule rule = new ContainerRule();

    static final class Leaf {
        int value;
        String name;
        int[] numbers;
    }

    static final class HoldsLeaf {
        Leaf leaf;
    }

    static final class SelfLinked {
        SelfLinked next;
    }

    static final class HoldsObject {
        Object anything;
    }

    static class Open {
        int value;
    }

    static final class HoldsOpen {
        Open open; // a subclass of Open could be a container
    }

    static final class WeakOnly extends WeakReference<Object> {
        WeakOnly(Object referent) {
            super(referent);
        }
    }

    @Test
    void leavesAreNotContainers() {
        assertFalse(rule.isContainer(String.class));
        assertFalse(rule.isContainer(Integer.class));
        assertFalse(rule.isContainer(int[].class));
        assertFalse(rule.isContainer(int[][].class), "elements are primitive arrays");
        assertFalse(rule.isContainer(String[].class), "String is final and no container");
        assertFalse(rule.isContainer(Leaf.class), "only primitives, a String and a primitive array");
        assertFalse(rule.isContainer(HoldsLeaf.class), "its one slot can only hold a final non-container");
        assertFalse(rule.isContainer(Leaf[].class));
        assertFalse(rule.isContainer(WeakOnly.class), "Reference.referent is a weak edge, not a slot");
    }

    @Test
    void slotsThatCouldHoldContainersMakeContainers() {
        assertTrue(rule.isContainer(Object[].class));
        assertTrue(rule.isContainer(HoldsObject.class));
        assertTrue(rule.isContainer(HoldsOpen.class), "a non-final declared type could hold a subclass");
        assertTrue(rule.isContainer(ArrayList.class));
        assertTrue(rule.isContainer(SelfLinked.class), "a final class reaching itself can form a cycle");
        assertTrue(rule.isContainer(SelfLinked[].class));
        assertTrue(rule.isContainer(Object[][].class));
    }
}
