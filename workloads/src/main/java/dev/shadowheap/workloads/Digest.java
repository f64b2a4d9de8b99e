package dev.shadowheap.workloads;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A running checksum of a workload's results. The drivers print it instead of the results themselves, so "same
 * output with and without the agent" covers every result while the output stays a few lines.
 */
final class Digest {

    private final CRC32 crc = new CRC32();
    private long items;

    Digest add(String text) {
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        crc.update('\n');
        items++;
        return this;
    }

    Digest add(long value) {
        return add(Long.toString(value));
    }

    Digest add(byte[] bytes) {
        crc.update(bytes);
        items++;
        return this;
    }

    /** Items added so far and their checksum, e.g. {@code 1200 items, crc 0x1a2b3c4d}. */
    @Override
    public String toString() {
        return String.format("%d items, crc %08x", items, crc.getValue());
    }
}
