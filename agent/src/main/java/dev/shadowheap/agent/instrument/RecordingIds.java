package dev.shadowheap.agent.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a run as the rewriting asks for them, recorded: each registration with the id it got, so that the
 * {@link RewriteCache} can save the log its entries depend on, and replay a saved log before the first class is
 * transformed. Registration and recording happen under one lock, so a snapshot never sees an id handed out but not
 * yet recorded; the numberings behind it lock anyway, so this adds no contention the rewriting did not have.
 */
final class RecordingIds implements InstrumentationIds {

    private final InstrumentationIds numbering;
    /** By id; null where this recorder did not hand the id out (id 0, or one registered elsewhere). */
    private final List<String> sites = new ArrayList<>();
    private final List<IdLog.FieldRefName> fieldRefs = new ArrayList<>();

    RecordingIds(InstrumentationIds numbering) {
        this.numbering = numbering;
    }

    @Override
    public synchronized int site(String site) {
        int id = numbering.site(site);
        record(sites, id, site);
        return id;
    }

    @Override
    public synchronized int fieldRef(String ownerInternalName, String fieldName, boolean isStatic) {
        int id = numbering.fieldRef(ownerInternalName, fieldName, isStatic);
        record(fieldRefs, id, new IdLog.FieldRefName(ownerInternalName, fieldName, isStatic));
        return id;
    }

    private static <T> void record(List<T> byId, int id, T name) {
        if (id < 0) {
            return; // not an id the rewriting embeds; nothing to keep consistent
        }
        while (byId.size() <= id) {
            byId.add(null);
        }
        byId.set(id, name);
    }

    /**
     * Registers a saved log in its order and checks that each registration got the id it got when the log was
     * saved. Stops at the first difference, which is returned; null when the whole log replayed identically.
     */
    synchronized String replay(IdLog log) {
        for (int i = 0; i < log.sites().size(); i++) {
            int id = site(log.sites().get(i));
            if (id != log.firstSite() + i) {
                return "site " + log.sites().get(i) + " got id " + id + ", the cache has " + (log.firstSite() + i);
            }
        }
        for (int i = 0; i < log.fieldRefs().size(); i++) {
            IdLog.FieldRefName ref = log.fieldRefs().get(i);
            int id = fieldRef(ref.ownerInternalName(), ref.fieldName(), ref.isStatic());
            if (id != log.firstFieldRef() + i) {
                return "field " + ref.ownerInternalName() + "." + ref.fieldName() + " got id " + id + ", the cache has "
                        + (log.firstFieldRef() + i);
            }
        }
        return null;
    }

    /**
     * Everything recorded so far, as a log that replays to the same ids.
     *
     * @throws IllegalStateException if an id inside the recorded range was handed out by someone else: its name is
     *     unknown here, so no log could reproduce the numbering
     */
    synchronized IdLog snapshot() {
        int firstSite = firstRecorded(sites, "site");
        int firstField = firstRecorded(fieldRefs, "field reference");
        return new IdLog(firstSite, sites.subList(firstSite, sites.size()), firstField,
                fieldRefs.subList(firstField, fieldRefs.size()));
    }

    private static int firstRecorded(List<?> byId, String what) {
        int first = 0;
        while (first < byId.size() && byId.get(first) == null) {
            first++;
        }
        for (int id = first; id < byId.size(); id++) {
            if (byId.get(id) == null) {
                throw new IllegalStateException(what + " id " + id + " was registered outside the rewriting");
            }
        }
        return first;
    }
}
