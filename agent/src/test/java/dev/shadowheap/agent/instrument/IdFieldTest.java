package dev.shadowheap.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The id field is added to the top application class of a hierarchy only, is invisible to serialization (the JDK's
 * own {@code serialVersionUID} computation and field list are the judges), and never collides between a copy and its
 * original.
 */
class IdFieldTest {

    private static final String SAMPLES = "dev.shadowheap.agent.instrument.samples.";

    private final RewritingLoader withFields = new RewritingLoader(SAMPLES, true);

    private Field idField(String simpleName) throws ClassNotFoundException {
        Class<?> type = withFields.loadClass(SAMPLES + simpleName);
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals(IdField.NAME)) {
                return field;
            }
        }
        return null;
    }

    @Test
    void theTopApplicationClassDeclaresAPrivateTransientSyntheticLong() throws Exception {
        Field field = idField("Chains$Base");
        assertNotNull(field, "Base extends Object: it gets the field");
        int modifiers = field.getModifiers();
        assertTrue(Modifier.isPrivate(modifiers) && Modifier.isTransient(modifiers) && !Modifier.isStatic(modifiers));
        assertTrue(field.isSynthetic());
        assertEquals(long.class, field.getType());
    }

    @Test
    void subclassesInheritItAndOtherKindsOfClassDoNotGetIt() throws Exception {
        assertNull(idField("Chains$Middle"), "Middle extends Base, which has it");
        assertNull(idField("Chains$Leaf"));
        assertNull(idField("Chains$Shape"), "interface");
        assertNull(idField("Chains$Color"), "enum");
        assertNull(idField("Chains$Point"), "record");
        assertNull(new IdFieldClassCheck().declaredWithoutPermission(), "a class being redefined gets none");
    }

    @Test
    void serializationSeesTheClassAsItWas() throws Exception {
        Class<?> original = Class.forName(SAMPLES + "Chains$Saved");
        Class<?> rewritten = withFields.loadClass(SAMPLES + "Chains$Saved");
        assertNotNull(idField("Chains$Saved"));
        ObjectStreamClass before = ObjectStreamClass.lookup(original);
        ObjectStreamClass after = ObjectStreamClass.lookup(rewritten);
        assertEquals(before.getSerialVersionUID(), after.getSerialVersionUID());
        assertEquals(before.getFields().length, after.getFields().length);
    }

    @Test
    void aValueIsOnlyReadBackForTheSameIdentityHashAndEpoch() {
        long value = IdField.pack(0x7fff_fff1, 3, (1 << 29) - 1);
        assertEquals((1 << 29) - 1, IdField.unpack(value, 0x7fff_fff1, 3));
        assertEquals(0, IdField.unpack(value, 0x7fff_fff2, 3), "a copy has another identity hash");
        assertEquals(0, IdField.unpack(value, 0x7fff_fff1, 4), "another window's table");
        assertEquals(0, IdField.unpack(0, 0, 0), "never set");
        assertNotEquals(0, IdField.pack(1, 0, 1));
    }

    /** Rewrites a class as a retransformation would (no field may be added) and looks for the field. */
    private static final class IdFieldClassCheck {
        Field declaredWithoutPermission() throws Exception {
            RewritingLoader loader = new RewritingLoader(SAMPLES, false);
            for (Field field : loader.loadClass(SAMPLES + "Chains$Base").getDeclaredFields()) {
                if (field.getName().equals(IdField.NAME)) {
                    return field;
                }
            }
            return null;
        }
    }
}
