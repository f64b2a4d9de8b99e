package dev.shadowheap.agent.track;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Only linkage errors made under java.lang.invoke frames are left untracked. */
class LinkageNoiseTest {

    @Test
    void errorsTheApplicationMakesAreTracked() {
        assertFalse(LinkageNoise.isLinkageNoise(new NoSuchMethodError("app")));
        assertFalse(LinkageNoise.isLinkageNoise(new IllegalStateException("app")));
    }

    @Test
    void aLinkageErrorMadeUnderJavaLangInvokeIsNoise() throws ReflectiveOperationException {
        // The proxy's invocation handler is a visible java.lang.invoke frame, as the VM's linkage code is.
        BooleanSupplier throughInvoke = MethodHandleProxies.asInterfaceInstance(BooleanSupplier.class,
                MethodHandles.lookup().findStatic(LinkageNoiseTest.class, "madeHere", MethodType.methodType(boolean.class)));
        assertTrue(throughInvoke.getAsBoolean());
    }

    @Test
    void otherObjectsUnderJavaLangInvokeAreNotNoise() throws ReflectiveOperationException {
        BooleanSupplier throughInvoke = MethodHandleProxies.asInterfaceInstance(BooleanSupplier.class,
                MethodHandles.lookup().findStatic(LinkageNoiseTest.class, "plainObjectMadeHere",
                        MethodType.methodType(boolean.class)));
        assertFalse(throughInvoke.getAsBoolean());
    }

    private static boolean madeHere() {
        return LinkageNoise.isLinkageNoise(new NoSuchMethodError("linkage"));
    }

    private static boolean plainObjectMadeHere() {
        return LinkageNoise.isLinkageNoise(new Object());
    }
}
