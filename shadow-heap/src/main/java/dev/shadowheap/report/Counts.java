package dev.shadowheap.report;

/** Argument checks shared by the report records, so each reports the field that was wrong. */
final class Counts {

    private Counts() {
    }

    static long nonNegative(String record, String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(record + "." + field + " must not be negative: " + value);
        }
        return value;
    }

    static <T> T required(String record, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(record + "." + field + " must not be null");
        }
        return value;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
