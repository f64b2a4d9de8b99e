package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain class-file transformer: scope, rewriting, failures reported by name. */
class HeapTransformerTest {

    private final List<String> rewritten = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final RewriteListener listener = new RewriteListener() {
        @Override
        public void rewritten(String className, ClassLoader loader) {
            rewritten.add(className);
        }

        @Override
        public void failed(String className, Throwable error) {
            failed.add(className);
        }
    };
    private final HeapTransformer transformer = new HeapTransformer(
            new InstrumentationScope(), new CountingIds(), listener, RewriteCache.off(), true, TrackedAllocations.ALL);
    private final ClassLoader appLoader = getClass().getClassLoader();

    @Test
    void rewritesAClassInScopeSoThatItCallsTheHooks() throws IOException {
        byte[] original = classFile("programs/DoublyLinkedCycle$Node.class");
        byte[] result = transformer.transform(null, appLoader, "programs/DoublyLinkedCycle$Node", null, null, original);
        assertNotNull(result);
        assertTrue(new String(result, StandardCharsets.ISO_8859_1).contains("dev/shadowheap/hooks/Hooks"));
        assertTrue(!new String(original, StandardCharsets.ISO_8859_1).contains("dev/shadowheap/hooks/Hooks"));
        assertEquals(List.of("programs.DoublyLinkedCycle$Node"), rewritten);
        assertEquals(List.of(), failed);
    }

    @Test
    void leavesClassesOutOfScopeAlone() throws IOException {
        byte[] original = classFile("dev/shadowheap/agent/instrument/HeapTransformerTest.class");
        assertNull(transformer.transform(null, appLoader, "dev/shadowheap/agent/instrument/HeapTransformerTest", null,
                null, original));
        assertNull(transformer.transform(null, null, "java/lang/String", null, null, original)); // bootstrap, not java.util
        assertNull(transformer.transform(null, appLoader, null, null, null, original)); // no name: hidden
        assertEquals(List.of(), rewritten);
    }

    @Test
    void aBrokenClassFileIsReportedByNameAndPassedThrough() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9};
        byte[] copy = garbage.clone();
        assertNull(transformer.transform(null, appLoader, "programs/Broken", null, null, garbage));
        assertArrayEquals(copy, garbage);
        assertEquals(List.of("programs.Broken"), failed);
    }

    @Test
    void onlyAClassBeingDefinedByAnApplicationLoaderGetsTheIdField() throws IOException {
        byte[] original = classFile("programs/DoublyLinkedCycle$Node.class");
        String name = "programs/DoublyLinkedCycle$Node";
        assertTrue(declaresIdField(transformer.transform(null, appLoader, name, null, null, original)), "defined");
        assertTrue(!declaresIdField(transformer.transform(null, appLoader, name, String.class, null, original)),
                "redefined: a retransformation cannot add fields");
        HeapTransformer withoutFields = new HeapTransformer(new InstrumentationScope(), new CountingIds(), listener,
                RewriteCache.off(), false, TrackedAllocations.ALL);
        assertTrue(!declaresIdField(withoutFields.transform(null, appLoader, name, null, null, original)), "idfield=off");
    }

    @Test
    void aClassRedefinedBySomeoneElseKeepsItsIdField() throws IOException {
        byte[] newBytes = classFile("programs/IdFieldShapes$Redefinable.class");
        String name = "programs/IdFieldShapes$Redefinable";
        assertTrue(declaresIdField(transformer.transform(null, appLoader, name, programs.IdFieldShapes.AlreadyWithIdField.class,
                null, newBytes)), "a redefinition may not remove the field the class has");
        assertTrue(!declaresIdField(transformer.transform(null, appLoader, name, programs.IdFieldShapes.Redefinable.class,
                null, newBytes)),
                "nor add one it does not have");
    }

    private static boolean declaresIdField(byte[] classfile) {
        boolean[] found = {false};
        new net.bytebuddy.jar.asm.ClassReader(classfile).accept(new net.bytebuddy.jar.asm.ClassVisitor(
                net.bytebuddy.utility.OpenedClassReader.ASM_API) {
            @Override
            public net.bytebuddy.jar.asm.FieldVisitor visitField(int access, String name, String descriptor,
                    String signature, Object value) {
                found[0] |= IdField.NAME.equals(name);
                return null;
            }
        }, net.bytebuddy.jar.asm.ClassReader.SKIP_CODE);
        return found[0];
    }

    private static byte[] classFile(String path) throws IOException {
        try (InputStream in = HeapTransformerTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            return in.readAllBytes();
        }
    }

    private static final class CountingIds implements InstrumentationIds {
        private int next;

        @Override
        public int site(String site) {
            return ++next;
        }

        @Override
        public int fieldRef(String ownerInternalName, String fieldName, boolean isStatic) {
            return ++next;
        }
    }
}
