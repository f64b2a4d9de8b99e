package dev.shadowheap.agent.instrument;

/** A rewrite-cache file that cannot be used: damaged, truncated, of another format, or another build's. */
final class CacheFileException extends Exception {

    CacheFileException(String reason) {
        super(reason);
    }
}
