package dev.shadowheap.report;

/**
 * The edge audit: real fields of sampled live objects re-read and compared with the shadow's slots.
 *
 * @param sampledObjects objects sampled
 * @param slotsChecked   reference slots compared
 * @param mismatches     slots whose shadow target differed from the real one
 */
public record EdgeAudit(long sampledObjects, long slotsChecked, long mismatches) {

    public EdgeAudit {
        Counts.nonNegative("EdgeAudit", "sampledObjects", sampledObjects);
        Counts.nonNegative("EdgeAudit", "slotsChecked", slotsChecked);
        Counts.nonNegative("EdgeAudit", "mismatches", mismatches);
        if (mismatches > slotsChecked) {
            throw new IllegalArgumentException("EdgeAudit.mismatches (" + mismatches + ") exceeds slotsChecked ("
                    + slotsChecked + ")");
        }
    }

    /** Mismatches per slot checked, 0 when nothing was checked. */
    public double mismatchRate() {
        return Counts.ratio(mismatches, slotsChecked);
    }
}
