package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/** Array sizes computed from the length must be what the JVM itself reports through {@code Instrumentation}. */
class ArraySizesTest {

    private static final Class<?>[] COMPONENTS = {
        boolean.class, byte.class, char.class, short.class, int.class, float.class, long.class, double.class,
        Object.class, String.class, int[].class,
    };

    @Test
    void everyArrayKindAndLengthHasTheSizeTheJvmReports() {
        Instrumentation inst = ByteBuddyAgent.install();
        ArraySizes sizes = new ArraySizes(inst::getObjectSize);
        assertTrue(sizes.computed(), "the formula should be trusted on this JVM");
        int[] lengths = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 1 << 16, 1_000_003};
        for (Class<?> component : COMPONENTS) {
            Object sample = Array.newInstance(component, 0);
            ClassLayout layout = new ClassLayout(sample.getClass(), 1, sample instanceof Object[], true, new Field[0]);
            for (int length : lengths) {
                Object array = Array.newInstance(component, length);
                assertEquals(inst.getObjectSize(array), sizes.of(array, layout),
                        component.getName() + "[" + length + "]");
            }
        }
    }

    @Test
    void aSizeFunctionThatIsNotTheJvmsIsAskedEveryTime() {
        ArraySizes sizes = new ArraySizes(object -> 24);
        assertFalse(sizes.computed());
        long[] array = new long[100];
        assertEquals(24, sizes.of(array, new ClassLayout(long[].class, 1, false, true, new Field[0])));
    }
}
