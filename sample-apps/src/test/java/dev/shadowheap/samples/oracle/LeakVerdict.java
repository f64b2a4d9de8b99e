package dev.shadowheap.samples.oracle;

import dev.shadowheap.samples.expect.Expectation;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the JVM and the recorded graph say reference counting alone would leak, in the same terms as an
 * {@link Expectation}: cycles and objects per shape, hangers-on; plus how many recorded objects died and
 * how many dropped roots are, wrongly, still alive.
 *
 * @param cycles         shape text to {cycle count, objects in cycles}
 * @param hangersOn      leaked objects outside every cycle
 * @param deadObjects    recorded objects the collector freed
 * @param rootsStillAlive structures handed to letGo that are still reachable after the app returned
 */
record LeakVerdict(Map<String, long[]> cycles, long hangersOn, int deadObjects, int rootsStillAlive) {

    /** One line per shape plus the hangers-on, sorted: easy to compare and to read in a failure. */
    String summary() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(cycles).forEach((shape, counts) ->
                text.append(shape).append(" : ").append(counts[0]).append(" cycles, ").append(counts[1]).append(" objects\n"));
        return text.append("hangers-on: ").append(hangersOn).toString();
    }

    /** The same summary for what an app stated. */
    static String summaryOf(Expectation expectation) {
        Map<String, long[]> stated = new TreeMap<>();
        expectation.cyclesByShape().forEach((shape, count) ->
                stated.put(shape.toString(), new long[] {count.cycles(), count.objects()}));
        return new LeakVerdict(stated, expectation.hangersOn(), 0, 0).summary();
    }
}
