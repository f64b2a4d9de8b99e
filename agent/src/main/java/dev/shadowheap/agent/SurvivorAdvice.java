package dev.shadowheap.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Advice for the exit report when deaths reached the agent late because of how G1 was configured.
 *
 * <p>Why: every tracked object's weak reference survives the young collection after its allocation (the identity
 * table holds it), so with G1's default survivor ratio the survivors overflow and G1 copies most of them straight into
 * old regions. A reference copied there is no longer discovered by that collection: its dead referent is kept, and
 * every later young collection keeps it again, until a concurrent cycle or the exit. Larger survivor regions
 * ({@code -XX:SurvivorRatio=2}) let young collections report those deaths (measured in docs/agent.md). The agent cannot
 * change the ratio of a running JVM, so it says so when it applies.
 */
final class SurvivorAdvice {

    /** The share of deaths released only at the exit from which the advice is given. */
    static final double LATE_SHARE = 0.25;

    static final String ADVICE = "most deaths reached the agent only at the exit: G1 promoted their weak references "
            + "first; -XX:SurvivorRatio=2 lets its young collections report them (docs/agent.md)";

    /**
     * Young collections G1 must have run for late deaths to be its doing: a program that ends before any has all its
     * deaths released at the exit whatever the collector.
     */
    private static final long MIN_YOUNG_COLLECTIONS = 2;

    private SurvivorAdvice() {
    }

    /**
     * The advice, if the JVM runs G1 with its own survivor ratio and young collections, and some deaths came while the
     * program ran but at least {@link #LATE_SHARE} of them at the exit.
     */
    static Optional<String> of(long releasedWhileRunning, long releasedAtExit) {
        long all = releasedWhileRunning + releasedAtExit;
        // None released while it ran: the program ended before collections mattered (start-up's own do not count).
        if (releasedWhileRunning <= 0 || releasedAtExit < LATE_SHARE * all) {
            return Optional.empty();
        }
        try {
            if (g1YoungCollections() < MIN_YOUNG_COLLECTIONS || !ownSurvivorRatio()) {
                return Optional.empty();
            }
            return Optional.of(ADVICE);
        } catch (LinkageError | RuntimeException noManagement) {
            return Optional.empty(); // a runtime without the management modules: no advice, nothing else lost
        }
    }

    /** How many young collections G1 has run; 0 under another collector. */
    private static long g1YoungCollections() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().equals("G1 Young Generation")) {
                return collector.getCollectionCount();
            }
        }
        return 0;
    }

    /** Whether the survivor ratio is the JVM's choice, not the command line's. */
    private static boolean ownSurvivorRatio() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        VMOption.Origin origin = hotspot.getVMOption("SurvivorRatio").getOrigin();
        return origin == VMOption.Origin.DEFAULT || origin == VMOption.Origin.ERGONOMIC;
    }
}
