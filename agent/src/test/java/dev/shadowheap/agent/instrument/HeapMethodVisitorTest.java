package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.hooks.Hooks;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs rewritten sample code and checks what reaches the hooks, and that the code still behaves. */
class HeapMethodVisitorTest {

    private final RecordingSink sink = new RecordingSink();
    private RewritingLoader loader;
    private Class<?> samples;

    @BeforeEach
    void load() throws Exception {
        loader = new RewritingLoader("dev.shadowheap.agent.instrument.samples.");
        samples = loader.loadClass("dev.shadowheap.agent.instrument.samples.Samples");
        Hooks.install(sink);
    }

    @AfterEach
    void unload() {
        Hooks.uninstall();
        assertEquals(0, Hooks.errors(), "no hook failed");
    }

    private Object call(String method, Object... args) throws Exception {
        for (Method candidate : samples.getMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
                try {
                    return candidate.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void newObjectIsTrackedInItsConstructorBeforeStoresOfItself() throws Exception {
        Object second = call("twoNodes");
        Object first = second.getClass().getField("prev").get(second);
        assertSame(second, first.getClass().getField("next").get(first));
        int next = loader.fieldRefs.indexOf("dev/shadowheap/agent/instrument/samples/Samples$Node.next");
        int prev = loader.fieldRefs.indexOf("dev/shadowheap/agent/instrument/samples/Samples$Node.prev");
        assertEquals(List.of(
                "track Node#0 site=1",
                "putField Node#0 ref=" + prev + " = null", // this.prev = null, after super(): a hooked store
                "track Node#1 site=2",
                "putField Node#0 ref=" + next + " = Node#1", // prev.next = this: the new node is already known
                "putField Node#1 ref=" + prev + " = Node#0"), sink.events);
        int line = sourceLine("Node first = new Node(null);");
        assertEquals("dev.shadowheap.agent.instrument.samples.Samples.twoNodes(Samples.java:" + line + ")", loader.site(1));
        assertEquals("dev.shadowheap.agent.instrument.samples.Samples.twoNodes(Samples.java:" + (line + 1) + ")",
                loader.site(2));
    }

    /** The line of the sample source that contains {@code text}, as javac numbers it. */
    private static int sourceLine(String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/shadowheap/agent/instrument/samples/Samples.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("not in Samples.java: " + text);
    }

    @Test
    void innerClassStoreBeforeSuperIsNotHookedButTheObjectIsTracked() throws Exception {
        Object inner = call("inner", "payload");
        assertEquals("payload", inner.getClass().getField("payload").get(inner));
        assertTrue(sink.tracked(inner), sink.events.toString());
        assertFalse(sink.events.stream().anyMatch(e -> e.contains("this$0")), sink.events.toString());
        assertTrue(loader.fieldRefs.stream().noneMatch(ref -> ref.endsWith(".this$0")), loader.fieldRefs.toString());
    }

    @Test
    void aastoreIsPerformedByTheHookWithItsExceptions() throws Exception {
        Object[] array = new Object[1];
        call("storeInto", array, "x");
        assertEquals("x", array[0]);
        assertThrows(ArrayStoreException.class, () -> call("storeInto", new String[1], 42));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> call("storeInto", new Object[0], "y"));
        assertEquals(3, sink.events.stream().filter(e -> e.startsWith("arrayStored")).count() + 2,
                sink.events.toString()); // only the store that succeeded is reported
    }

    @Test
    void arraysCopiesClonesAndGridsAreReported() throws Exception {
        Object[] copy = (Object[]) call("copy", (Object) new Object[] {"a", "b"});
        assertEquals(List.of("a", "b"), List.of(copy));
        assertTrue(sink.events.contains("arrayCopied Object[]#0 from 0 length 2"), sink.events.toString());
        Object[] clone = (Object[]) call("cloned", (Object) copy);
        assertTrue(sink.tracked(clone));
        Object[][] grid = (Object[][]) call("grid");
        assertEquals(3, grid[1].length);
        assertTrue(sink.tracked(grid), sink.events.toString());
    }

    @Test
    void capturingLambdaIsTrackedAtItsInvokedynamic() throws Exception {
        @SuppressWarnings("unchecked")
        Supplier<Object> lambda = (Supplier<Object>) call("capture", "c");
        assertEquals("c", lambda.get());
        assertTrue(sink.tracked(lambda), sink.events.toString());
    }

    @Test
    void staticStoreNamesItsClass() throws Exception {
        call("setRoot", "r");
        assertTrue(sink.events.stream().anyMatch(e -> e.startsWith("putStatic Samples ref=")), sink.events.toString());
    }

    @Test
    void varHandleCompareAndSetReportsOnlySuccessfulStores() throws Exception {
        Class<?> cellClass = loader.loadClass("dev.shadowheap.agent.instrument.samples.Samples$Cell");
        Object cell = cellClass.getConstructor().newInstance();
        Method cas = cellClass.getMethod("cas", Object.class, Object.class);
        Method swap = cellClass.getMethod("swap", Object.class);
        sink.events.clear();
        assertEquals(false, cas.invoke(cell, "wrong", "v1"));
        assertEquals(true, cas.invoke(cell, null, "v1"));
        assertEquals("v1", swap.invoke(cell, "v2"));
        assertEquals(List.of("varHandleStored Cell#0 = untracked String",
                "varHandleStored Cell#0 = untracked String"), sink.events);
        assertEquals("v2", cellClass.getField("value").get(cell));
    }
}
