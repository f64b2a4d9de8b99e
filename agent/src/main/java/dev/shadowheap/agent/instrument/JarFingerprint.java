package dev.shadowheap.agent.instrument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What tells two builds of a jar apart, read cheaply: its central directory, which names every entry with the CRC-32
 * and sizes of its contents, so that any change to any entry changes it. Reading and checksumming the whole agent jar
 * (5 MB) took about 50 ms of every start-up; its central directory is a few hundred kilobytes at the end of the file.
 * A jar whose directory cannot be found this way (a ZIP64 jar, a damaged one) is fingerprinted whole.
 */
final class JarFingerprint {

    private static final int END_RECORD_SIGNATURE = 0x06054b50;
    private static final int END_RECORD_LENGTH = 22;
    private static final int MAX_COMMENT_LENGTH = 0xFFFF;

    private JarFingerprint() {
    }

    static String of(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] directory = centralDirectory(channel, size);
            if (directory != null) {
                return "directory " + ClassFingerprint.of(directory).hex() + " of " + size + " bytes";
            }
        }
        return "content " + ClassFingerprint.of(Files.readAllBytes(jar)).hex();
    }

    /** The central directory's bytes, or null if the end record does not lead to one. */
    private static byte[] centralDirectory(FileChannel channel, long size) throws IOException {
        int tailLength = (int) Math.min(size, END_RECORD_LENGTH + MAX_COMMENT_LENGTH);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        if (tail == null) {
            return null;
        }
        // The end record is the last one carrying its signature whose comment reaches exactly to the end of the file.
        for (int at = tailLength - END_RECORD_LENGTH; at >= 0; at--) {
            if (tail.getInt(at) == END_RECORD_SIGNATURE
                    && at + END_RECORD_LENGTH + Short.toUnsignedInt(tail.getShort(at + 20)) == tailLength) {
                long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
                long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
                long endRecordOffset = size - tailLength + at;
                if (directoryOffset + directorySize != endRecordOffset || directorySize > Integer.MAX_VALUE) {
                    return null; // ZIP64, or bytes we do not understand
                }
                ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
                return directory == null ? null : directory.array();
            }
        }
        return null;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer;
    }
}
