package dev.shadowheap.workloads;

/** Reads the single size argument every driver takes, so the same program can run as a smoke test or a full load. */
final class SizeArgument {

    private SizeArgument() {
    }

    /**
     * @param args the driver's command line: empty, or one positive integer
     * @param workload the driver's name, for the error message
     * @param defaultSize used when {@code args} is empty
     */
    static int parse(String[] args, String workload, int defaultSize) {
        if (args.length == 0) {
            return defaultSize;
        }
        if (args.length > 1) {
            throw new IllegalArgumentException(workload + ": expected one size argument, got " + args.length);
        }
        int size;
        try {
            size = Integer.parseInt(args[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(workload + ": size must be an integer, got '" + args[0] + "'", e);
        }
        if (size < 1) {
            throw new IllegalArgumentException(workload + ": size must be at least 1, got " + size);
        }
        return size;
    }
}
