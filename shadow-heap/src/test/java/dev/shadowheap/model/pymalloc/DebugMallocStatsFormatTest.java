package dev.shadowheap.model.pymalloc;

import dev.shadowheap.model.CPythonProfile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebugMallocStatsFormatTest {

    /** Lines copied from CPython 3.11.7's real output (cpython-memory-model.md §6.4, §6.5). */
    @Test
    void valueLinesMatchCPythonByteForByte() {
        assertEquals("# arenas allocated total           =                    4\n", line("# arenas allocated total", 4));
        assertEquals("4 arenas * 1048576 bytes/arena     =            4,194,304\n", line("4 arenas * 1048576 bytes/arena", 4_194_304));
        assertEquals("# bytes in allocated blocks        =           42,264,704\n", line("# bytes in allocated blocks", 42_264_704));
        assertEquals("# bytes lost to arena alignment    =                    0\n", line("# bytes lost to arena alignment", 0));
        assertEquals("Total                              =              655,360\n", line("Total", 655_360));
        assertEquals("1,000", DebugMallocStatsFormat.withThousandsSeparators(1000));
        assertEquals("999", DebugMallocStatsFormat.withThousandsSeparators(999));
    }

    /** §6.5 (J) on 3.11 from an empty allocator: 100,000 × 383 bytes in misaligned arenas. */
    @Test
    void printsTheClassTableAndAccountingOfAModel() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_11, ArenaAlignment.EVERY_ARENA);
        for (int i = 0; i < 100_000; i++) {
            model.malloc(383);
        }
        StringBuilder out = new StringBuilder();
        DebugMallocStatsFormat.format(model.stats(), out);
        String text = out.toString();
        assertTrue(text.startsWith("Small block threshold = 512, in 32 size classes.\n\n"
                + "class   size   num pools   blocks in use  avail blocks\n"
                + "-----   ----   ---------   -------------  ------------\n"
                + "   23    384        2381          100000             2\n\n"), text);
        MallocStatsText parsed = MallocStatsText.parse(text);
        assertEquals(2381, parsed.pools[23]);
        assertEquals(38, parsed.arenasCurrent());
        assertEquals(38 * 63 - 2381, parsed.unusedPools);
        assertEquals(38L * 1024 * 1024, parsed.value("Total"), "the accounting adds up to the arenas' bytes");
        assertEquals(38L * 16384, parsed.alignmentBytes());
        assertTrue(text.contains("\narena map counts\n# arena map mid nodes              =                    1\n"));
        assertTrue(text.endsWith("Total                              =              655,360\n"), text);
    }

    @Test
    void python38HasNoArenaMapSection() {
        Pymalloc model = new Pymalloc(CPythonProfile.PY_3_8);
        model.malloc(10);
        StringBuilder out = new StringBuilder();
        DebugMallocStatsFormat.format(model.stats(), out);
        assertFalse(out.toString().contains("arena map"));
        assertTrue(out.toString().contains("1 arenas * 262144 bytes/arena      =              262,144\n"), out.toString());
    }

    private static String line(String label, long value) {
        StringBuilder out = new StringBuilder();
        DebugMallocStatsFormat.valueLine(out, label, value);
        return out.toString();
    }
}
