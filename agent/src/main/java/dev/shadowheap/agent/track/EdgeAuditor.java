package dev.shadowheap.agent.track;

import dev.shadowheap.heap.ShadowHeap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks the shadow against the JVM: re-reads the real reference fields (or elements) of live tracked
 * objects and compares each with the shadow's {@link ShadowHeap#target}. A slot that differs is read
 * again once before it counts, so that a store racing with the audit is not reported.
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

    private final class Round {
        long objects;
        long slots;
        long mismatches;
        final List<String> examples = new ArrayList<>();

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
                if (differs(object, layout, id, slot) && differs(object, layout, id, slot)) {
                    mismatches++;
                    if (examples.size() < 10) {
                        examples.add(describe(object, layout, id, slot));
                    }
                }
            }
        }

        void addTo(Result result) {
            result.add(objects, slots, mismatches, examples);
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
