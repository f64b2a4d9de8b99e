package dev.shadowheap.analysis;

/**
 * An allocation site and how many objects of interest were allocated there.
 *
 * @param site  as the heap's {@code SiteTable} names it, e.g. {@code com.example.Foo.bar(Foo.java:42)}
 * @param count objects
 */
public record SiteCount(String site, long count) {

    public SiteCount {
        if (site == null) {
            throw new IllegalArgumentException("site must not be null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("site count must not be negative: " + count + " for " + site);
        }
    }
}
