package dev.shadowheap.model.pymalloc;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Writes a {@link PymallocStats} in the layout of the pymalloc part of CPython's
 * {@code sys._debugmallocstats()} ({@code cpython-memory-model.md} §4.7): the threshold line, the
 * class table ({@code %5u %6u %11zu %15zu %13zu}, only classes with pools in use), the value lines
 * (label padded to column 35, {@code =}, value right-aligned in 21 characters with thousands commas),
 * and for 3.10+ the "arena map" section.
 *
 * <p>The arena map counts depend on the addresses {@code mmap} returned, which the model does not
 * have. They are printed from the simplest formula that matched every observed run: one mid node and
 * one bottom node once any arena was ever mapped (a bottom node covers 16 GiB of addresses; all runs
 * seen kept their arenas inside one), none before. Node sizes are those of 64-bit 3.10+ builds:
 * root and mid 2^15 pointers, bottom 2^14 eight-byte entries. The type free-list section that
 * follows in CPython's output is not printed: free lists are not part of this model.
 */
public final class DebugMallocStatsFormat {

    private static final int LABEL_COLUMN = 35;
    private static final int VALUE_WIDTH = 21;
    private static final long ARENA_MAP_ROOT_BYTES = (1L << 15) * 8;
    private static final long ARENA_MAP_MID_BYTES = (1L << 15) * 8;
    private static final long ARENA_MAP_BOT_BYTES = (1L << 14) * 8;

    private DebugMallocStatsFormat() {
    }

    public static void print(PymallocStats stats, PrintStream out) {
        StringBuilder text = new StringBuilder(4096);
        format(stats, text);
        out.print(text);
        out.flush();
    }

    /** Appends the whole pymalloc section, lines ending in {@code \n}. */
    public static void format(PymallocStats stats, StringBuilder out) {
        PymallocGeometry geometry = stats.geometry();
        out.append("Small block threshold = ").append(PymallocGeometry.SMALL_REQUEST_THRESHOLD).append(", in ")
                .append(PymallocGeometry.NUM_SIZE_CLASSES).append(" size classes.\n\n");
        out.append("class   size   num pools   blocks in use  avail blocks\n");
        out.append("-----   ----   ---------   -------------  ------------\n");
        for (int c = 0; c < PymallocGeometry.NUM_SIZE_CLASSES; c++) {
            if (stats.pools(c) == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%5d %6d %11d %15d %13d", c, PymallocGeometry.blockSize(c),
                    stats.pools(c), stats.blocksInUse(c), stats.availableBlocks(c))).append('\n');
        }
        out.append('\n');
        valueLine(out, "# arenas allocated total", stats.arenasAllocatedTotal());
        valueLine(out, "# arenas reclaimed", stats.arenasReclaimed());
        valueLine(out, "# arenas highwater mark", stats.arenasHighwater());
        valueLine(out, "# arenas allocated current", stats.arenasCurrent());
        valueLine(out, stats.arenasCurrent() + " arenas * " + geometry.arenaSize() + " bytes/arena",
                stats.arenasCurrent() * geometry.arenaSize());
        out.append('\n');
        valueLine(out, "# bytes in allocated blocks", stats.allocatedBytes());
        valueLine(out, "# bytes in available blocks", stats.availableBytes());
        valueLine(out, stats.unusedPools() + " unused pools * " + geometry.poolSize() + " bytes",
                stats.unusedPoolBytes());
        valueLine(out, "# bytes lost to pool headers", stats.poolHeaderBytes());
        valueLine(out, "# bytes lost to quantization", stats.quantizationBytes());
        valueLine(out, "# bytes lost to arena alignment", stats.alignmentBytes());
        valueLine(out, "Total", stats.totalBytes());
        if (geometry.hasArenaMap()) {
            long nodes = stats.arenasAllocatedTotal() > 0 ? 1 : 0;
            out.append("\narena map counts\n");
            valueLine(out, "# arena map mid nodes", nodes);
            valueLine(out, "# arena map bot nodes", nodes);
            out.append('\n');
            valueLine(out, "# bytes lost to arena map root", ARENA_MAP_ROOT_BYTES);
            valueLine(out, "# bytes lost to arena map mid", nodes * ARENA_MAP_MID_BYTES);
            valueLine(out, "# bytes lost to arena map bot", nodes * ARENA_MAP_BOT_BYTES);
            valueLine(out, "Total", ARENA_MAP_ROOT_BYTES + nodes * (ARENA_MAP_MID_BYTES + ARENA_MAP_BOT_BYTES));
        }
    }

    /** CPython's {@code printone}: label, spaces to column 35, '=', value with commas in 21 columns. */
    static void valueLine(StringBuilder out, String label, long value) {
        out.append(label);
        for (int i = label.length(); i < LABEL_COLUMN; i++) {
            out.append(' ');
        }
        out.append('=');
        String digits = withThousandsSeparators(value);
        for (int i = digits.length(); i < VALUE_WIDTH; i++) {
            out.append(' ');
        }
        out.append(digits).append('\n');
    }

    static String withThousandsSeparators(long value) {
        String plain = Long.toString(value);
        StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 3);
        int lead = plain.length() % 3 == 0 ? 3 : plain.length() % 3;
        grouped.append(plain, 0, lead);
        for (int i = lead; i < plain.length(); i += 3) {
            grouped.append(',').append(plain, i, i + 3);
        }
        return grouped.toString();
    }
}
