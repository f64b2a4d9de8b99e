package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Checks the shadow against the JVM: re-reads the real reference fields (or elements) of live tracked
 * objects and compares each with the shadow's {@link ShadowHeap#target}.
 *
 * <p>Exactness: the audit runs while mutators run, and a store reaches the shadow a few instructions
 * before (field hooks) or after (array, {@code Unsafe} and {@code VarHandle} hooks) the JVM's field, so a
 * single read can catch a store in flight. A slot that differs is therefore re-read, both sides, until
 * the two agree (then it was a store in flight) or show the same disagreeing values for several reads
 * over a tenth of a second (then it is a mismatch); a slot that never settles within the time limit
 * counts as a mismatch too. A slot is never skipped for being busy.
 */
public final class EdgeAuditor {

    /** Totals of one or more audit rounds. */
    public static final class Result {
        private long objects;
        private long slots;
        private long mismatches;
        private final List<String> examples = new ArrayList<>();

        public synchronized long objects() {
            return objects;
        }

        public synchronized long slots() {
            return slots;
        }

        public synchronized long mismatches() {
            return mismatches;
        }

        /** Up to ten mismatches, described. */
        public synchronized List<String> examples() {
            return Collections.unmodifiableList(new ArrayList<>(examples));
        }

        synchronized void add(long objects, long slots, long mismatches, List<String> examples) {
            this.objects += objects;
            this.slots += slots;
            this.mismatches += mismatches;
            for (String example : examples) {
                if (this.examples.size() < 10) {
                    this.examples.add(example);
                }
            }
        }
    }

    private final ShadowHeap heap;
    private final ObjectIds ids;
    private final ClassLayouts layouts;

    EdgeAuditor(ShadowHeap heap, ObjectIds ids, ClassLayouts layouts) {
        this.heap = heap;
        this.ids = ids;
        this.layouts = layouts;
    }

    /** Audits up to {@code samples} live tracked objects picked at random; adds to {@code into}. */
    public void auditSample(int samples, SplittableRandom random, Result into) {
        Round round = new Round();
        int limit = heap.idLimit();
        for (int attempt = 0; attempt < samples * 8 && round.objects < samples && limit > 1; attempt++) {
            round.audit(1 + random.nextInt(limit - 1));
        }
        round.addTo(into);
    }

    /** Audits every live tracked object; adds to {@code into}. */
    public void auditAll(Result into) {
        Round round = new Round();
        int limit = heap.idLimit();
        for (int id = 1; id < limit; id++) {
            round.audit(id);
        }
        round.addTo(into);
    }

    /**
     * A difference counts as a mismatch once both sides have read the same values this many times in a
     * row, over at least {@link #STABLE_MILLIS}: a store in flight changes one side within a few
     * instructions, even on a thread that was descheduled or stopped by a collection in between.
     */
    private static final int STABLE_READS = 4;
    private static final long STABLE_MILLIS = 100;
    /** A slot whose two sides never agree nor hold still this long is a mismatch too (a hot, diverged slot). */
    private static final long SETTLE_LIMIT_MILLIS = 2000;
    private static final long MAX_PAUSE_MILLIS = 16;

    private final class Round {
        long objects;
        long slots;
        long mismatches;
        final List<String> examples = new ArrayList<>();
        final List<Object> suspects = new ArrayList<>();
        int[] suspectIds = new int[8];
        int[] suspectSlots = new int[8];

        void audit(int id) {
            Object object = ids.objectOf(id);
            if (object == null || !heap.isLive(id)) {
                return;
            }
            ClassLayout layout = layouts.of(object.getClass());
            if (heap.classId(id) != layout.classId) {
                return; // the id was recycled between the two reads
            }
            objects++;
            int count = heap.slotCount(id);
            for (int slot = 0; slot < count; slot++) {
                slots++;
                if (realId(object, layout, slot) != heap.target(id, slot)) {
                    suspect(object, id, slot);
                }
            }
        }

        private void suspect(Object object, int id, int slot) {
            int index = suspects.size();
            if (index == suspectIds.length) {
                suspectIds = java.util.Arrays.copyOf(suspectIds, index * 2);
                suspectSlots = java.util.Arrays.copyOf(suspectSlots, index * 2);
            }
            suspects.add(object);
            suspectIds[index] = id;
            suspectSlots[index] = slot;
        }

        void addTo(Result result) {
            if (!suspects.isEmpty()) {
                settleSuspects();
            }
            result.add(objects, slots, mismatches, examples);
        }

        /**
         * Re-reads every suspect slot, both the JVM's field and the shadow's slot, with growing pauses,
         * until each either agrees (a store was in flight: no mismatch) or shows the same two values for
         * {@link #STABLE_READS} reads over {@link #STABLE_MILLIS} (a mismatch). Nothing is dropped: a slot
         * still undecided at the time limit counts as a mismatch.
         */
        private void settleSuspects() {
            int count = suspects.size();
            int[] real = new int[count];
            int[] shadow = new int[count];
            int[] sameReads = new int[count];
            long[] sameSince = new long[count];
            boolean[] decided = new boolean[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                real[i] = -1; // forces the first re-read to count as a change
            }
            int open = count;
            long pause = 1;
            while (open > 0) {
                pause(pause);
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                long now = System.nanoTime();
                boolean overTime = now - start > TimeUnit.MILLISECONDS.toNanos(SETTLE_LIMIT_MILLIS);
                for (int i = 0; i < count; i++) {
                    if (decided[i]) {
                        continue;
                    }
                    Object object = suspects.get(i);
                    ClassLayout layout = layouts.of(object.getClass());
                    int realNow = realId(object, layout, suspectSlots[i]);
                    int shadowNow = heap.target(suspectIds[i], suspectSlots[i]);
                    if (realNow == shadowNow) {
                        decided[i] = true;
                        open--;
                        continue;
                    }
                    if (realNow != real[i] || shadowNow != shadow[i]) {
                        real[i] = realNow;
                        shadow[i] = shadowNow;
                        sameReads[i] = 1;
                        sameSince[i] = now;
                    } else {
                        sameReads[i]++;
                    }
                    boolean stable = sameReads[i] >= STABLE_READS
                            && now - sameSince[i] >= TimeUnit.MILLISECONDS.toNanos(STABLE_MILLIS);
                    if (stable || overTime) {
                        decided[i] = true;
                        open--;
                        mismatches++;
                        if (examples.size() < 10) {
                            examples.add(describe(object, layout, suspectIds[i], suspectSlots[i]));
                        }
                    }
                }
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shadow id of what the JVM's field or element holds now (0 for null or an untracked object). */
    private int realId(Object object, ClassLayout layout, int slot) {
        return ids.idOf(read(object, layout, slot));
    }

    private static Object read(Object object, ClassLayout layout, int slot) {
        return layout.referenceArray ? ((Object[]) object)[slot] : Memory.reference(object, layout.slotOffsets[slot]);
    }

    private String describe(Object object, ClassLayout layout, int id, int slot) {
        Object real = read(object, layout, slot);
        String slotName = layout.referenceArray ? "[" + slot + "]" : "." + layout.slotFields[slot].getName();
        return object.getClass().getName() + " #" + id + " (" + heap.sites().get(heap.siteId(id)) + ")" + slotName + ": shadow #" + heap.target(id, slot) + ", JVM "
                + (real == null ? "null" : real.getClass().getName() + " #" + ids.idOf(real));
    }
}
