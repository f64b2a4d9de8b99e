package dev.shadowheap.agent.instrument;

import java.util.List;

/**
 * The registration log of {@link InstrumentationIds}: every allocation site and field reference a run registered, in
 * id order from the first id each numbering handed out. Rewritten bytes embed these ids, so cached bytes are only
 * valid in a run that registers exactly this log first (see {@link RecordingIds#replay}).
 */
record IdLog(int firstSite, List<String> sites, int firstFieldRef, List<FieldRefName> fieldRefs) {

    /** A field reference as {@link InstrumentationIds#fieldRef} is given it. */
    record FieldRefName(String ownerInternalName, String fieldName, boolean isStatic) {
    }

    static final IdLog EMPTY = new IdLog(0, List.of(), 0, List.of());

    IdLog {
        sites = List.copyOf(sites);
        fieldRefs = List.copyOf(fieldRefs);
    }

    int size() {
        return sites.size() + fieldRefs.size();
    }
}
