package dev.shadowheap.agent.instrument;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One rewrite-cache file: a header naming the format and the identity (agent build, JDK, application) it belongs to,
 * an index block (the {@link IdLog} its entries depend on, then each entry's class name, original fingerprint, and
 * where its rewritten bytes lie) with its own CRC32C, then the rewritten bytes, each with a CRC32C checked on every
 * read. Only the index is held in memory; bytes are read on a hit. Files are written whole under a temporary name
 * and renamed over the old one, so a reader sees an old file or a new one, never half of one.
 *
 * <pre>
 * long magic, int version, int identityLength, byte[identityLength] identity (UTF-8), long fileLength,
 * int indexLength, int indexCrc32c, byte[indexLength] index, data
 * index: int firstSite, int siteCount, UTF site...; int firstFieldRef, int fieldRefCount, (UTF owner, UTF name,
 *        boolean static)...; int entryCount, (UTF name, int length, int crc32, int crc32c, long dataOffset,
 *        int dataLength, int dataCrc32c)...
 * </pre>
 */
final class CacheFile {

    static final long MAGIC = 0x5348_5257_4341_4348L; // "SHRWCACH"
    static final int VERSION = 1;
    private static final int MAX_IDENTITY = 1 << 20;
    private static final int ENTRY_FIXED_BYTES = 2 + 4 + 4 + 4 + 8 + 4 + 4;

    private CacheFile() {
    }

    /** One cached class in an open file. */
    static final class Entry {
        final String internalName;
        final ClassFingerprint original;
        final long offset;
        final int length;
        final int crc32c;
        /** Another entry of the same name (other original bytes: another version or loader). */
        final Entry next;
        /** Set when this run looked it up: used entries are kept first when the file is at its cap. */
        volatile boolean used;

        Entry(String internalName, ClassFingerprint original, long offset, int length, int crc32c, Entry next) {
            this.internalName = internalName;
            this.original = original;
            this.offset = offset;
            this.length = length;
            this.crc32c = crc32c;
            this.next = next;
        }
    }

    /** An open, checked file: its log and index in memory, its bytes on disk. */
    static final class Opened {
        final Path path;
        final IdLog log;
        final long size;
        final int entries;
        /**
         * The file mapped read-only: a hit is one copy out of it, where a positional channel read runs a dozen
         * layers of interpreted NIO code in a cold JVM (~0.1 ms a class). Pages count in memory only once read.
         */
        private final ByteBuffer mapped;
        private final Map<String, Entry> byName;

        private Opened(Path path, ByteBuffer mapped, long size, IdLog log, Map<String, Entry> byName, int entries) {
            this.path = path;
            this.mapped = mapped;
            this.size = size;
            this.log = log;
            this.byName = byName;
            this.entries = entries;
        }

        Entry find(String internalName, ClassFingerprint original) {
            for (Entry entry = byName.get(internalName); entry != null; entry = entry.next) {
                if (entry.original.equals(original)) {
                    return entry;
                }
            }
            return null;
        }

        /** The entry's bytes, checked against their CRC. */
        byte[] read(Entry entry) throws CacheFileException {
            byte[] bytes = new byte[entry.length];
            try {
                mapped.get((int) entry.offset, bytes);
            } catch (InternalError | IndexOutOfBoundsException e) {
                // InternalError: the JVM's answer to a fault in a mapping whose file was cut short under it
                throw new CacheFileException("entry " + entry.internalName + " cannot be read from " + path + ": " + e);
            }
            if (ClassFingerprint.crc32c(bytes, 0, bytes.length) != entry.crc32c) {
                throw new CacheFileException("entry " + entry.internalName + " is damaged (checksum) in " + path);
            }
            return bytes;
        }

        List<Entry> all() {
            List<Entry> all = new ArrayList<>(entries);
            for (Entry head : byName.values()) {
                for (Entry entry = head; entry != null; entry = entry.next) {
                    all.add(entry);
                }
            }
            return all;
        }

    }

    /**
     * Opens and checks a file: its format, identity, length and index checksum.
     *
     * @throws CacheFileException naming why the file cannot be used (foreign, truncated, damaged)
     */
    static Opened open(Path path, String identity) throws IOException, CacheFileException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(path, channel, identity); // the mapping outlives the channel
        }
    }

    private static Opened read(Path path, FileChannel channel, String identity) throws IOException, CacheFileException {
        long size = channel.size();
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        try {
            if (size < 16 || in.readLong() != MAGIC) {
                throw new CacheFileException("not a rewrite cache file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CacheFileException("format version " + version + ", this agent reads " + VERSION);
            }
            int identityLength = in.readInt();
            if (identityLength < 0 || identityLength > MAX_IDENTITY || identityLength > size) {
                throw new CacheFileException("damaged header");
            }
            byte[] identityBytes = in.readNBytes(identityLength);
            if (!identity.equals(new String(identityBytes, StandardCharsets.UTF_8))) {
                throw new CacheFileException("written for another agent build, JDK or application");
            }
            long fileLength = in.readLong();
            if (fileLength != size) {
                throw new CacheFileException("truncated or extended: header says " + fileLength + " bytes, file has " + size);
            }
            int indexLength = in.readInt();
            int indexCrc = in.readInt();
            long dataStart = headerLength(identityLength) + (long) indexLength;
            if (indexLength < 0 || dataStart > size) {
                throw new CacheFileException("damaged header (index length " + indexLength + ")");
            }
            byte[] index = in.readNBytes(indexLength);
            if (index.length != indexLength || ClassFingerprint.crc32c(index, 0, indexLength) != indexCrc) {
                throw new CacheFileException("damaged index (checksum)");
            }
            return parseIndex(path, channel, size, dataStart, new DataInputStream(new ByteArrayInputStream(index)));
        } catch (java.io.EOFException e) {
            throw new CacheFileException("truncated header");
        }
    }

    private static Opened parseIndex(Path path, FileChannel channel, long size, long dataStart, DataInputStream in)
            throws CacheFileException {
        try {
            int firstSite = in.readInt();
            int siteCount = count(in.readInt(), size);
            List<String> sites = new ArrayList<>(siteCount);
            for (int i = 0; i < siteCount; i++) {
                sites.add(in.readUTF());
            }
            int firstFieldRef = in.readInt();
            int fieldRefCount = count(in.readInt(), size);
            List<IdLog.FieldRefName> fieldRefs = new ArrayList<>(fieldRefCount);
            for (int i = 0; i < fieldRefCount; i++) {
                fieldRefs.add(new IdLog.FieldRefName(in.readUTF(), in.readUTF(), in.readBoolean()));
            }
            int entryCount = count(in.readInt(), size);
            Map<String, Entry> byName = new HashMap<>(entryCount * 4 / 3 + 1);
            for (int i = 0; i < entryCount; i++) {
                String name = in.readUTF();
                ClassFingerprint original = new ClassFingerprint(in.readInt(), in.readInt(), in.readInt());
                long offset = dataStart + in.readLong();
                int length = in.readInt();
                int crc = in.readInt();
                if (offset < dataStart || length < 0 || offset + length > size) {
                    throw new CacheFileException("damaged index (entry " + name + " outside the file)");
                }
                byName.put(name, new Entry(name, original, offset, length, crc, byName.get(name)));
            }
            if (in.available() != 0) {
                throw new CacheFileException("damaged index (" + in.available() + " bytes left over)");
            }
            IdLog log = new IdLog(firstSite, sites, firstFieldRef, fieldRefs);
            if (size > Integer.MAX_VALUE) {
                throw new CacheFileException("larger than a mapping can be (" + size + " bytes)");
            }
            return new Opened(path, channel.map(FileChannel.MapMode.READ_ONLY, 0, size), size, log, byName, entryCount);
        } catch (IOException e) {
            throw new CacheFileException("damaged index: " + e);
        }
    }

    private static int count(int count, long size) throws CacheFileException {
        if (count < 0 || count > size) {
            throw new CacheFileException("damaged index (count " + count + ")");
        }
        return count;
    }

    static long headerLength(int identityLength) {
        return 8 + 4 + 4 + identityLength + 8 + 4 + 4;
    }

    /** A class to write: its key, and where its rewritten bytes come from. */
    interface Item {
        String internalName();

        ClassFingerprint original();

        int length();

        /** CRC32C of the bytes; may read them. */
        int crc32c() throws IOException, CacheFileException;

        byte[] bytes() throws IOException, CacheFileException;
    }

    /** What a write kept: classes written, classes left out at the size cap, and the file's size. */
    record Written(int classes, int leftOut, long size) {
    }

    /**
     * Writes a whole file under a temporary name in the target's directory and renames it over the target in one
     * step. Items are taken in order while the file stays within {@code maxBytes}; the rest are left out.
     *
     * @throws CacheFileException if the log alone does not fit
     */
    static Written write(Path target, String identity, IdLog log, List<? extends Item> items, long maxBytes)
            throws IOException, CacheFileException {
        byte[] identityBytes = identity.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream indexBytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream index = new DataOutputStream(indexBytes);
        writeLog(index, log);
        long total = headerLength(identityBytes.length) + indexBytes.size() + 4;
        if (total > maxBytes) {
            throw new CacheFileException("the id log alone (" + total + " bytes) passes the cap of " + maxBytes);
        }
        List<Item> kept = new ArrayList<>(items.size());
        for (Item item : items) {
            long more = ENTRY_FIXED_BYTES + utfLength(item.internalName()) + (long) item.length();
            if (total + more <= maxBytes) {
                kept.add(item);
                total += more;
            }
        }
        index.writeInt(kept.size());
        long dataOffset = 0;
        for (Item item : kept) {
            index.writeUTF(item.internalName());
            index.writeInt(item.original().length());
            index.writeInt(item.original().crc32());
            index.writeInt(item.original().crc32c());
            index.writeLong(dataOffset);
            index.writeInt(item.length());
            index.writeInt(item.crc32c());
            dataOffset += item.length();
        }
        byte[] indexArray = indexBytes.toByteArray();
        long fileLength = headerLength(identityBytes.length) + indexArray.length + dataOffset;
        // Unique per writer (CREATE_NEW refuses a clash) without Files.createTempFile's SecureRandom or ProcessHandle,
        // whose set-up costs a cold JVM ~0.1 s and starts JDK machinery the program would otherwise start itself.
        Path temporary = target.resolveSibling(TemporaryFiles.uniqueName(target.getFileName() + ".", ".tmp"));
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16))) {
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(identityBytes.length);
                out.write(identityBytes);
                out.writeLong(fileLength);
                out.writeInt(indexArray.length);
                out.writeInt(ClassFingerprint.crc32c(indexArray, 0, indexArray.length));
                out.write(indexArray);
                for (Item item : kept) {
                    byte[] bytes = item.bytes();
                    if (bytes.length != item.length()) {
                        throw new CacheFileException("entry " + item.internalName() + " changed length while written");
                    }
                    out.write(bytes);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
        return new Written(kept.size(), items.size() - kept.size(), fileLength);
    }

    private static void writeLog(DataOutputStream index, IdLog log) throws IOException {
        index.writeInt(log.firstSite());
        index.writeInt(log.sites().size());
        for (String site : log.sites()) {
            index.writeUTF(site);
        }
        index.writeInt(log.firstFieldRef());
        index.writeInt(log.fieldRefs().size());
        for (IdLog.FieldRefName ref : log.fieldRefs()) {
            index.writeUTF(ref.ownerInternalName());
            index.writeUTF(ref.fieldName());
            index.writeBoolean(ref.isStatic());
        }
    }

    /** Bytes of a string in the class-file flavour of UTF-8 that {@link DataOutputStream#writeUTF} writes. */
    private static int utfLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }
}
