package dev.shadowheap.agent.instrument;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What identifies the original bytes of a class file in the {@link RewriteCache}: their length and two CRCs of
 * different polynomials (64 bits of check besides the length and the class name). A collision would hand the JVM
 * another class's rewritten code, so one CRC alone is not enough; a cryptographic digest would run interpreted in a
 * cold JVM and cost more than the cache saves, while both CRCs are native or intrinsic from the first call.
 */
record ClassFingerprint(int length, int crc32, int crc32c) {

    static ClassFingerprint of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    static ClassFingerprint of(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return new ClassFingerprint(length, (int) crc.getValue(), crc32c(bytes, offset, length));
    }

    /** CRC32C alone: the check of a cache entry's stored bytes against damage. */
    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Both halves in hex, for file names and messages. Not {@code String.format}: its first call loads the
     * formatter's regular expressions and locale data, about 30 ms of the agent's start-up.
     */
    String hex() {
        return hex8(crc32) + hex8(crc32c) + "-" + length;
    }

    private static String hex8(int value) {
        String digits = Integer.toHexString(value);
        return "00000000".substring(digits.length()) + digits;
    }
}
