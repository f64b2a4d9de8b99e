package dev.shadowheap.heap;

import java.util.HashMap;
import java.util.Map;

/**
 * Allocation sites ({@code com.example.Foo.bar(Foo.java:42)}) by dense id. Id 0 means "unknown site".
 */
public final class SiteTable {

    public static final int UNKNOWN = 0;
    /** What reports name the site {@link #UNKNOWN}: an object no rewritten allocation instruction announced. */
    public static final String UNKNOWN_NAME = "<unknown>";

    private final Map<String, Integer> byName = new HashMap<>();
    private volatile String[] byId = {UNKNOWN_NAME};

    public synchronized int register(String site) {
        if (site == null || site.isEmpty()) {
            throw new IllegalArgumentException("allocation site must not be empty");
        }
        Integer known = byName.get(site);
        if (known != null) {
            return known;
        }
        String[] table = java.util.Arrays.copyOf(byId, byId.length + 1);
        int id = table.length - 1;
        table[id] = site;
        byId = table;
        byName.put(site, id);
        return id;
    }

    public String get(int id) {
        String[] table = byId;
        if (id < 0 || id >= table.length) {
            throw new IllegalArgumentException("unknown allocation site id " + id);
        }
        return table[id];
    }

    public int size() {
        return byId.length;
    }
}
