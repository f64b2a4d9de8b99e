package programs;

/**
 * Allocation churn for measuring the agent's cost: short-lived linked objects, each stored into the
 * previous one. Prints allocations per second of the timed phase (not used by the tests).
 */
public final class AllocationChurn {

    static final class Link {
        Link next;
        final int value;

        Link(int value) {
            this.value = value;
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        churn(rounds / 4); // warm-up
        long start = System.nanoTime();
        long sum = churn(rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d allocations in %.3f s: %.0f ops/s (checksum %d)%n", rounds, seconds, rounds / seconds, sum);
    }

    private static long churn(int rounds) {
        long sum = 0;
        Link previous = new Link(0);
        for (int i = 0; i < rounds; i++) {
            Link link = new Link(i);
            previous.next = link;
            previous = (i & 63) == 0 ? new Link(i) : link; // drop chains regularly
            sum += link.value;
        }
        return sum;
    }
}
