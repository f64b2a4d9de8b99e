package dev.shadowheap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, recorded beside each timed run: wall-clock figures only mean something with it. */
final class LoadAverage {

    private static final Path PROC_LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** The one-minute load average, or -1 where {@code /proc/loadavg} cannot be read (not Linux). */
    static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(PROC_LOADAVG).split(" ", 2)[0]);
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }
}
