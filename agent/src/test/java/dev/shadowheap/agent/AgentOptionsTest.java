package dev.shadowheap.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.agent.instrument.ClassNameGlob;
import dev.shadowheap.model.CPythonProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void defaultsWithoutArguments() {
        AgentOptions options = AgentOptions.parse(null);
        assertEquals(AgentOptions.Format.TEXT, options.format());
        assertEquals(CPythonProfile.newest(), options.profile());
        assertEquals(null, options.out());
    }

    @Test
    void parsesEveryKey() {
        AgentOptions options = AgentOptions.parse(
                "out=r.json,profile=3.8,include=com.a.**;com.b.*,include=x.Y,exclude=com.a.gen.**,audit=10,auditInterval=5");
        assertEquals(Path.of("r.json"), options.out());
        assertEquals(AgentOptions.Format.BOTH, options.format(), "out= alone means text and JSON");
        assertEquals(CPythonProfile.PY_3_8, options.profile());
        assertEquals(3, options.includes().size());
        assertEquals(1, options.excludes().size());
        assertEquals(10, options.auditSample());
        assertEquals(5, options.auditIntervalMillis());
    }

    @Test
    void windowsAreOffUnlessBothLengthsAreGiven() {
        assertTrue(!AgentOptions.parse(null).windowed());
        AgentOptions options = AgentOptions.parse("window=0.5,every=20");
        assertTrue(options.windowed());
        assertEquals(0.5, options.windowSeconds());
        assertEquals(20, options.everySeconds());
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertMessage("unknown option 'colour'", "colour=red");
        assertMessage("bad value for format: 'xml' (accepted: text, json, both)", "format=xml");
        assertMessage("format=json needs out=<file>", "format=json");
        assertMessage("bad value for profile: unknown CPython profile '2.7'", "profile=2.7");
        assertMessage("bad value for audit: '-1'", "audit=-1");
        assertMessage("bad value for include: bad class-name pattern 'a..b'", "include=a..b");
        assertMessage("option 'verbose' is not key=value", "verbose");
        assertMessage("window=<seconds> needs every=<seconds>", "window=1");
        assertMessage("every=<seconds> needs window=<seconds>", "every=20");
        assertMessage("every=1.0 must be longer than window=1.0", "window=1,every=1");
        assertMessage("bad value for window: '0' (accepted: seconds above 0, at most 86400", "window=0,every=2");
        assertMessage("bad value for every: 'soon'", "window=1,every=soon");
        assertMessage("bad value for window: 'NaN'", "window=NaN,every=2");
        assertMessage("bad value for window: '1d'", "window=1d,every=2");
        assertMessage("empty value for cache", "cache=");
    }

    @Test
    void theRewriteCacheIsOnInAPerUserTemporaryDirectoryUnlessMovedOrTurnedOff() {
        assertEquals(java.util.Optional.of(Path.of(System.getProperty("java.io.tmpdir"),
                "shadowheap-cache-" + System.getProperty("user.name"))), AgentOptions.parse(null).cacheDirectory());
        assertEquals(java.util.Optional.of(Path.of("/var/cache/sh")), AgentOptions.parse("cache=/var/cache/sh").cacheDirectory());
        assertEquals(java.util.Optional.empty(), AgentOptions.parse("cache=off").cacheDirectory());
        assertTrue(AgentOptions.ACCEPTED.contains("cache=<dir>|off"));
    }

    @org.junit.jupiter.api.Test
    void theIdFieldIsOnUnlessTurnedOffAndOnlyOnOrOffIsAccepted() {
        assertTrue(AgentOptions.parse(null).idFields());
        assertTrue(AgentOptions.parse("idfield=on").idFields());
        assertTrue(!AgentOptions.parse("idfield=off").idFields());
        assertMessage("bad value for idfield: 'yes' (on or off)", "idfield=yes");
        assertTrue(AgentOptions.ACCEPTED.contains("idfield=on|off"));
    }

    private static void assertMessage(String expectedStart, String arguments) {
        AgentOptionException e = assertThrows(AgentOptionException.class, () -> AgentOptions.parse(arguments));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void globsMatchPackagesAndSegments() {
        assertTrue(ClassNameGlob.parse("com.example.**").matches("com.example.deep.Foo$Bar"));
        assertTrue(ClassNameGlob.parse("com.example.*").matches("com.example.Foo"));
        assertTrue(!ClassNameGlob.parse("com.example.*").matches("com.example.deep.Foo"));
        assertTrue(ClassNameGlob.parse("*Cache").matches("LruCache"));
        assertTrue(ClassNameGlob.parse("java.util.LinkedList$Node").matches("java.util.LinkedList$Node"));
        assertTrue(!ClassNameGlob.parse("java.util.LinkedList").matches("java.util.LinkedListX"));
    }
}
