package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.LinkedList;

/** {@code java.util.LinkedList}: its nodes are a doubly-linked chain, so every list of two or more leaks. */
public final class LinkedListApp implements SampleApp {
    static final int BIG_LIST_SIZE = 1000;
    static final int SMALL_LISTS = 300;
    static final int SMALL_LIST_SIZE = 3;
    static final int SINGLETON_LISTS = 100;

    public static void main(String[] args) {
        SampleMain.run(new LinkedListApp());
    }

    @Override
    public void run(SampleContext context) {
        // LinkedList holds first/last; each LinkedList$Node holds item, next and prev (same on JDK 17
        // and 25). Dropping the list frees the LinkedList object (nothing refers to it) and takes one
        // count off the first and last node, but node k is still referenced by node k-1 (next) and
        // node k+1 (prev): the n nodes form one strongly connected component whose shortest cycle is
        // a next followed by a prev. Each item is referenced only by its node: a hanger-on.
        Shape nodeLoop = Shape.of(Label.field("java.util.LinkedList$Node", "next"),
                Label.field("java.util.LinkedList$Node", "prev"));

        long sum = buildAndDrop(context, BIG_LIST_SIZE);
        context.expect().cycles(nodeLoop, 1, BIG_LIST_SIZE).hangersOn(BIG_LIST_SIZE);

        for (int i = 0; i < SMALL_LISTS; i++) {
            sum += buildAndDrop(context, SMALL_LIST_SIZE);
        }
        context.expect().cycles(nodeLoop, SMALL_LISTS, (long) SMALL_LISTS * SMALL_LIST_SIZE)
                .hangersOn((long) SMALL_LISTS * SMALL_LIST_SIZE);

        // A single node has null next and prev: it is freed with its list, and so is its item.
        for (int i = 0; i < SINGLETON_LISTS; i++) {
            sum += buildAndDrop(context, 1);
        }
        context.out().println("linked lists built: " + (1 + SMALL_LISTS + SINGLETON_LISTS)
                + ", item sum " + sum);
    }

    private static long buildAndDrop(SampleContext context, int size) {
        LinkedList<Payload> list = new LinkedList<>();
        for (int i = 0; i < size; i++) {
            list.add(new Payload(i));
        }
        long sum = 0;
        for (Payload item : list) {
            sum += item.value();
        }
        context.letGo(list);
        return sum;
    }
}
