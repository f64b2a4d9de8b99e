package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two producer threads build rings of nodes and hand them over a bounded queue to a consumer thread,
 * which sums them and drops them; every fifth ring is broken open by the consumer first. Which ring
 * leaks depends only on the ring's own number, never on thread timing, so the result is exact.
 */
public final class ProducerConsumerApp implements SampleApp {
    static final int PRODUCERS = 2;
    static final int RINGS_PER_PRODUCER = 500;
    static final int MAX_RING_SIZE = 4;

    /** A ring node: following next always comes back to the start. */
    static final class RingNode {
        final int value;
        RingNode next;

        RingNode(int value) {
            this.value = value;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new ProducerConsumerApp());
    }

    /** Ring number {@code seq} of a producer has 1 to 4 nodes; size 1 is a node whose next is itself. */
    static int ringSize(int seq) {
        return 1 + seq % MAX_RING_SIZE;
    }

    /** The consumer breaks rings whose number is divisible by 5 before dropping them. */
    static boolean consumerBreaks(int seq) {
        return seq % 5 == 0;
    }

    @Override
    public void run(SampleContext context) {
        BlockingQueue<RingNode> queue = new ArrayBlockingQueue<>(16);
        AtomicLong checksum = new AtomicLong();
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers[p] = new Thread(() -> produce(producer, queue), "producer-" + p);
            producers[p].start();
        }
        Thread consumer = new Thread(() -> consume(queue, checksum, context), "consumer");
        consumer.start();
        joinAll(producers);
        joinAll(consumer);
        // The queue is empty now; its lock's wait-queue nodes are unlinked by the JDK as threads wake up.
        context.letGo(queue);
        expectLeaks(context);
        context.out().println("rings consumed: " + PRODUCERS * RINGS_PER_PRODUCER + ", checksum " + checksum.get());
    }

    private static void produce(int producer, BlockingQueue<RingNode> queue) {
        for (int seq = 0; seq < RINGS_PER_PRODUCER; seq++) {
            // The first node carries the ring's number; the producer's id rides in the other values.
            RingNode first = new RingNode(seq);
            RingNode last = first;
            for (int i = 1; i < ringSize(seq); i++) {
                last.next = new RingNode(producer * 100 + i);
                last = last.next;
            }
            last.next = first;
            put(queue, first);
        }
    }

    private static void consume(BlockingQueue<RingNode> queue, AtomicLong checksum, SampleContext context) {
        for (int taken = 0; taken < PRODUCERS * RINGS_PER_PRODUCER; taken++) {
            RingNode first = take(queue);
            long sum = 0;
            RingNode node = first;
            do {
                sum += node.value;
                node = node.next;
            } while (node != first);
            checksum.addAndGet(sum);
            if (consumerBreaks(first.value)) {
                RingNode last = first;
                while (last.next != first) {
                    last = last.next;
                }
                last.next = null;
            }
            context.letGo(first);
        }
    }

    /**
     * Per producer, ring numbers 0..499 cycle through sizes 1, 2, 3, 4; the consumer opens every number
     * divisible by 5 into a chain, which reference counting frees. Every other ring leaks whole: rings of
     * 2..4 nodes have next repeated as their only cycle, written RingNode.next+; a ring of one node is a
     * self-loop, written RingNode.next (a different shape).
     */
    private static void expectLeaks(SampleContext context) {
        long rings = 0;
        long nodes = 0;
        long selfLoops = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            for (int seq = 0; seq < RINGS_PER_PRODUCER; seq++) {
                if (consumerBreaks(seq)) {
                    continue;
                }
                if (ringSize(seq) == 1) {
                    selfLoops++;
                } else {
                    rings++;
                    nodes += ringSize(seq);
                }
            }
        }
        Label next = Label.field(RingNode.class, "next");
        context.expect().cycles(Shape.of(next, next), rings, nodes);
        if (selfLoops > 0) {
            context.expect().cycles(Shape.of(next), selfLoops, selfLoops);
        }
    }

    private static void put(BlockingQueue<RingNode> queue, RingNode ring) {
        try {
            queue.put(ring);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("producer interrupted", e);
        }
    }

    private static RingNode take(BlockingQueue<RingNode> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("consumer interrupted", e);
        }
    }

    private static void joinAll(Thread... threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
            }
        }
    }
}
