package dev.shadowheap.benchmarks;

/** Cheap, allocation-free pseudo-random indices for benchmark loops: the caller keeps the state in a field. */
final class XorShift {

    private XorShift() {
    }

    /** The state after {@code state} (never 0 for a non-zero seed); use it as the next random int. */
    static int next(int state) {
        int x = state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x;
    }
}
