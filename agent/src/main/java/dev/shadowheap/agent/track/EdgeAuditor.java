package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks the shadow against the JVM: re-reads the real reference fields (or elements) of live tracked
 * objects and compares each with the shadow's {@link ShadowHeap#target}. A store hook runs just before
 * the real store, so a thread paused between the two shows a difference for a moment: a slot that
 * differs is therefore checked again at the end of the round, after a short pause, and counts only if
 * it still differs.
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

    /** How long a round waits before it re-checks the slots that differed. */
    private static final long RECHECK_PAUSE_MILLIS = 20;

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
                if (differs(object, layout, id, slot)) {
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
                pause();
                for (int i = 0; i < suspects.size(); i++) {
                    Object object = suspects.get(i);
                    ClassLayout layout = layouts.of(object.getClass());
                    if (differs(object, layout, suspectIds[i], suspectSlots[i])) {
                        mismatches++;
                        if (examples.size() < 10) {
                            examples.add(describe(object, layout, suspectIds[i], suspectSlots[i]));
                        }
                    }
                }
            }
            result.add(objects, slots, mismatches, examples);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECHECK_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean differs(Object object, ClassLayout layout, int id, int slot) {
        return ids.idOf(read(object, layout, slot)) != heap.target(id, slot);
    }

    private static Object read(Object object, ClassLayout layout, int slot) {
        return layout.referenceArray ? ((Object[]) object)[slot] : Memory.reference(object, layout.slotOffsets[slot]);
    }

    private String describe(Object object, ClassLayout layout, int id, int slot) {
        Object real = read(object, layout, slot);
        String slotName = layout.referenceArray ? "[" + slot + "]" : "." + layout.slotFields[slot].getName();
        return object.getClass().getName() + slotName + ": shadow #" + heap.target(id, slot) + ", JVM "
                + (real == null ? "null" : real.getClass().getName() + " #" + ids.idOf(real));
    }
}
