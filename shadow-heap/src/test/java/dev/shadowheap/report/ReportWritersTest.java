package dev.shadowheap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shadowheap.analysis.CycleGroup;
import dev.shadowheap.analysis.SiteCount;
import dev.shadowheap.analysis.WeakFieldSuggestion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {

    /** Names a JVM may legally produce or an app may hide in a site: quotes, backslashes, controls, non-BMP. */
    static final String ODD_SHAPE = "Wei\"rd\\Name$\u00e9\u4e2d.f\u0001\n\t -> Odd\u2028[][*] -> \ud83d\ude00.x";
    static final String LONE_SURROGATE_SITE = "gen.Lambda$\ud800(Unknown Source)\u007f";

    static RunReport sample() {
        CycleGroup odd = new CycleGroup(ODD_SHAPE, 3, 6, 4_096, 2, 64,
                List.of(new SiteCount(LONE_SURROGATE_SITE, 4), new SiteCount("a.B.c(B.java:1)", 2)));
        CycleGroup list = new CycleGroup("DoublyLinked$Node.next -> DoublyLinked$Node.prev", 1, 1_000_000,
                24_000_000, 0, 0, List.of(new SiteCount("demo.List.add(List.java:42)", 1_000_000)));
        LeakSummary leaks = new LeakSummary(1_000_008, 24_004_160, 0, List.of(list, odd),
                new WeakFieldSuggestion(List.of("DoublyLinked$Node.next", "Odd\u2028[][*]"), 999_999, true));
        return new RunReport("shadowheap 0.1.0", "3.13",
                new Tracking(4_000_000, 96_000_000, 7_000_000, 312, Map.of("jniStores", 3L, "unsafe \"raw\"", 17L)),
                List.of(new GenerationStats(0, 5_712, 12, 0), new GenerationStats(1, 519, 3, 0),
                        new GenerationStats(2, 4, 1_000_008, 2)),
                new PoolSummary(40, 31, 35, 1_800, 27_000_000, 12.5), leaks, new EdgeAudit(1_000, 4_321, 2));
    }

    @Test
    void jsonRoundTripsEveryRecordIncludingOddNames() {
        RunReport report = sample();
        String json = new JsonReportWriter().toJson(report);
        assertTrue(json.contains("\"schema\": \"shadowheap-report/1\""), json);
        assertEquals(report, new JsonReportReader().read(json));
        RunReport sparse = new RunReport("t", "3.8", new Tracking(0, 0, 0, 0, Map.of()), List.of(), null,
                LeakSummary.none(), null);
        assertEquals(sparse, new JsonReportReader().read(new JsonReportWriter().toJson(sparse)));
    }

    @Test
    void theTrackingModeRoundTripsAndIsStatedInTheText() {
        TrackingMode mode = new TrackingMode("filtered+windowed", List.of("com.example.**"), List.of("com.example.gen.*"),
                1, 20, 3, 2.75, 47.5, 12_345, 678, 90);
        RunReport report = sample().withMode(mode);
        String json = new JsonReportWriter().toJson(report);
        assertTrue(json.contains("\"trackedShare\": " + (2.75 / 47.5)), json);
        assertEquals(report, new JsonReportReader().read(json));
        assertEquals(sample(), new JsonReportReader().read(new JsonReportWriter().toJson(sample())),
                "a report without a mode stays without one");
        assertTrue(!new JsonReportWriter().toJson(sample()).contains("\"mode\""));
        String text = new TextReportWriter().toText(report);
        assertTrue(text.contains("mode: filtered+windowed, include com.example.**, exclude com.example.gen.*,"
                + " windows of 1s every 20s\n  3 windows, tracked 2.8 s of 47.5 s (5.8%); 12,345 objects tracked,"
                + " 678 retired without verdict (live when tracking ended)\n"), text);
        assertThrows(IllegalArgumentException.class, () -> new TrackingMode("full", List.of(), List.of(), -1, 0, 1, 0, 0,
                0, 0, 0), "negative seconds");
    }

    @Test
    void jsonEscapesAsPythonReadsIt(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, new JsonReportWriter().toJson(sample()), StandardCharsets.UTF_8);
        // An independent parser: CPython's json module prints each string as UTF-16 code units in hex.
        String script = "import json,sys\n"
                + "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                + "g=d['leaks']['groups'][1]\n"
                + "for s in (g['shape'], g['topSites'][0]['site'], sorted(d['tracking']['blindSpots'])[1]):\n"
                + "    print(s.encode('utf-16-be','surrogatepass').hex())\n"
                + "print(d['pools']['fragmentationPercent'], d['leaks']['groups'][0]['bytes'], d['audit']['mismatchRate'])\n";
        Process python = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        String[] lines = output.split("\n");
        assertEquals(utf16Hex(ODD_SHAPE), lines[0]);
        assertEquals(utf16Hex(LONE_SURROGATE_SITE), lines[1]);
        assertEquals(utf16Hex("unsafe \"raw\""), lines[2]);
        String[] numbers = lines[3].trim().split(" ");
        assertEquals(12.5, Double.parseDouble(numbers[0]));
        assertEquals("24000000", numbers[1]);
        assertEquals(2 / 4321.0, Double.parseDouble(numbers[2])); // same double after a trip through CPython
    }

    private static String utf16Hex(String s) {
        StringBuilder hex = new StringBuilder();
        for (char c : s.toCharArray()) {
            hex.append(String.format("%04x", (int) c));
        }
        return hex.toString();
    }

    @Test
    void readerRejectsOtherSchemasAndNamesMissingFields() {
        String json = new JsonReportWriter().toJson(sample());
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class,
                () -> new JsonReportReader().read(json.replace("shadowheap-report/1", "shadowheap-report/2")));
        assertTrue(schema.getMessage().contains("shadowheap-report/2"), schema.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new JsonReportReader().read(json.replace("\"hangerOnBytes\"", "\"renamed\"")));
        assertEquals("report field leaks.groups[0].hangerOnBytes is missing", missing.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> new JsonReportReader().read(json.substring(0, json.length() / 2)));
        assertTrue(broken.getMessage().startsWith("JSON:"), broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JsonReportReader().read("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> new JsonReportReader().read("[01]"));
    }

    @Test
    void recordsRejectImpossibleValuesNamingTheField() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new GenerationStats(0, -1, 0, 0));
        assertTrue(negative.getMessage().contains("collections"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoolSummary(1, 1, 1, 1, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EdgeAudit(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new Tracking(0, 0, 0, 0, Map.of("", 1L)));
    }

    @Test
    void textReportShowsTheTableThePoolsTheShapesAndTheFix() {
        String text = new TextReportWriter(1).toText(sample());
        assertTrue(text.contains("what CPython 3.13 would do"), text);
        assertTrue(text.matches("(?s).*\\n  2\\s+4\\s+1,000,008\\s+2\\n.*"), text);
        assertTrue(text.contains("\n# arenas reclaimed" + " ".repeat(17) + "=" + " ".repeat(20) + "9\n"), text);
        assertTrue(text.contains("1,000,008 objects (25.00% of tracked)"), text);
        assertTrue(text.contains("1. DoublyLinked$Node.next -> DoublyLinked$Node.prev"), text);
        assertTrue(text.contains("1,000,000 x demo.List.add(List.java:42)"), text);
        assertTrue(text.contains("... 1 more shapes: 3 cycles, 4.1 KiB with hangers-on"), text);
        assertTrue(text.contains("make DoublyLinked$Node.next, Odd\u2028[][*] weak (smallest set; removes 999,999"), text);
        assertTrue(text.contains("blind spots: jniStores 3, unsafe \"raw\" 17"), text);
        assertTrue(text.contains("edge audit: 1,000 objects sampled, 4,321 slots checked, 2 mismatches (0.046%)"), text);
    }
}
