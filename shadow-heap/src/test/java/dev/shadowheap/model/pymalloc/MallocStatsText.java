package dev.shadowheap.model.pymalloc;

import java.util.HashMap;
import java.util.Map;

/**
 * The pymalloc section of one {@code sys._debugmallocstats()} output, parsed: the class table and
 * the value lines. Used for CPython's real output and for the model's printed output alike.
 */
final class MallocStatsText {

    final long[] pools = new long[PymallocGeometry.NUM_SIZE_CLASSES];
    final long[] inUse = new long[PymallocGeometry.NUM_SIZE_CLASSES];
    final long[] avail = new long[PymallocGeometry.NUM_SIZE_CLASSES];
    /** Value lines by label; labels that carry a number ("12 arenas * ...") are keyed without it. */
    final Map<String, Long> values = new HashMap<>();
    long unusedPools = -1;
    long arenasInLabel = -1;

    static MallocStatsText parse(String text) {
        MallocStatsText parsed = new MallocStatsText();
        boolean inTable = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("-----")) {
                inTable = true;
                continue;
            }
            if (inTable && line.isBlank()) {
                inTable = false;
                continue;
            }
            if (inTable) {
                String[] parts = line.trim().split("\\s+");
                int sizeClass = Integer.parseInt(parts[0]);
                if (Integer.parseInt(parts[1]) != PymallocGeometry.blockSize(sizeClass)) {
                    throw new IllegalArgumentException("class row with wrong block size: " + line);
                }
                parsed.pools[sizeClass] = Long.parseLong(parts[2]);
                parsed.inUse[sizeClass] = Long.parseLong(parts[3]);
                parsed.avail[sizeClass] = Long.parseLong(parts[4]);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq == 35 && !line.contains(" free ")) {
                String label = line.substring(0, eq).trim();
                long value = Long.parseLong(line.substring(eq + 1).trim().replace(",", ""));
                if (label.contains(" unused pools * ")) {
                    parsed.unusedPools = Long.parseLong(label.substring(0, label.indexOf(' ')));
                    label = "unused pools";
                } else if (label.contains(" arenas * ")) {
                    parsed.arenasInLabel = Long.parseLong(label.substring(0, label.indexOf(' ')));
                    label = "arenas * ARENA_SIZE";
                }
                parsed.values.putIfAbsent(label, value); // the first "Total" is pymalloc's
            }
        }
        if (parsed.unusedPools < 0) {
            throw new IllegalArgumentException("no pymalloc section in:\n" + text);
        }
        return parsed;
    }

    long value(String label) {
        Long value = values.get(label);
        if (value == null) {
            throw new IllegalArgumentException("no value line '" + label + "'");
        }
        return value;
    }

    long arenasTotal() {
        return value("# arenas allocated total");
    }

    long arenasReclaimed() {
        return value("# arenas reclaimed");
    }

    long arenasHighwater() {
        return value("# arenas highwater mark");
    }

    long arenasCurrent() {
        return value("# arenas allocated current");
    }

    long alignmentBytes() {
        return value("# bytes lost to arena alignment");
    }
}
