package dev.shadowheap.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With filters installed, the gates drop stores into and copies of objects whose class the sink has found left out,
 * and only those: an object of a class not asked yet, or of a selected class, still reaches the sink.
 */
class ClassSelectionTest {

    static final class Selected {
    }

    static final class LeftOut {
    }

    private final ClassSelection selection = new ClassSelection(type -> type == Selected.class
            || type == Selected[].class);

    /** Records what reaches it, and asks the selection as the agent's sink does (which fills its cache). */
    private final class RecordingSink extends NoOpSink {
        final List<Object> reached = new ArrayList<>();

        private void reached(Object owner) {
            reached.add(owner);
            selection.selects(owner.getClass());
        }

        @Override
        public void track(Object object, int site) {
            reached(object);
        }

        @Override
        public int putField(Object owner, Object value, int fieldRef) {
            reached(owner);
            return 0;
        }

        @Override
        public int arrayStored(Object[] array, int index, Object value) {
            reached(array);
            return 0;
        }

        @Override
        public int arrayCopied(Object dest, int destPos, int length) {
            reached(dest);
            return 0;
        }
    }

    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void uninstall() {
        Hooks.uninstall();
        assertEquals(0, Hooks.errors());
    }

    @Test
    void aClassFoundLeftOutNoLongerReachesTheSink() {
        Hooks.install(sink, selection);
        LeftOut leftOut = new LeftOut();
        Hooks.putField(leftOut, "v", 0);
        assertEquals(List.of(leftOut), sink.reached, "not asked yet: the sink decides, and the answer is kept");
        Hooks.putField(leftOut, "v", 0);
        Hooks.putField(new LeftOut(), "v", 0);
        Hooks.adopt(new LeftOut(), 0);
        assertEquals(1, sink.reached.size(), "dropped in the gate: " + sink.reached);

        Selected selected = new Selected();
        Hooks.putField(selected, "v", 0);
        Hooks.putField(selected, "v", 0);
        Hooks.adopt(selected, 0);
        assertEquals(List.of(leftOut, selected, selected, selected), sink.reached);
    }

    @Test
    void arraysAreJudgedByTheirOwnClassInEveryArrayGate() {
        Hooks.install(sink, selection);
        Object[] leftOut = new Object[2];
        Selected[] selected = new Selected[2];
        Hooks.aastore(leftOut, 0, "a"); // reaches the sink once, which learns Object[] is left out
        Hooks.aastore(leftOut, 1, "b");
        Hooks.arraycopy(leftOut, 0, leftOut, 1, 1);
        Hooks.aastore(selected, 0, new Selected());
        Hooks.arraycopy(selected, 0, selected, 1, 1);
        assertEquals(List.of(leftOut, selected, selected), sink.reached);
        assertEquals("a", leftOut[0], "the gate still performs the store it replaces");
        assertEquals(selected[0], selected[1], "and the copy");
    }

    @Test
    void withoutFiltersEveryStoreReachesTheSink() {
        Hooks.install(sink);
        LeftOut leftOut = new LeftOut();
        Hooks.putField(leftOut, "v", 0);
        Hooks.putField(leftOut, "v", 0);
        assertEquals(List.of(leftOut, leftOut), sink.reached);
    }
}
