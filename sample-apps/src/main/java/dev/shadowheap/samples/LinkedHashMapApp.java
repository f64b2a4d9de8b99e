package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code LinkedHashMap}: its entries form a doubly-linked list in insertion order ({@code before} and
 * {@code after}), and a map whose {@code keySet()} was asked for points at a view that points back.
 */
public final class LinkedHashMapApp implements SampleApp {
    static final int BIG_MAP_SIZE = 1000;
    static final int SMALL_MAPS = 300;
    static final int SMALL_MAP_SIZE = 3;
    static final int SINGLETON_MAPS = 200;
    static final int KEY_SET_MAPS = 100;

    /**
     * A key with hash code equal to its id. Ids 0..n-1 land in distinct buckets of a table larger than
     * n (HashMap keeps table size > size / 0.75), so no HashMap$Node.next chains exist and the only
     * shortest loop between entries is after/before.
     */
    static final class Key {
        final int id;

        Key(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).id == id;
        }

        @Override
        public int hashCode() {
            return id;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new LinkedHashMapApp());
    }

    @Override
    public void run(SampleContext context) {
        // Dropping a map frees the LinkedHashMap object (nothing refers to it), then its table (a
        // HashMap$Node[]) and its counts on head and tail. Each entry is still referenced by its
        // neighbours' after and before fields: the entries of a map of two or more are one strongly
        // connected component. Keys and values are referenced only by their entry: hangers-on.
        String entry = "java.util.LinkedHashMap$Entry";
        Shape insertionOrder = Shape.of(Label.field(entry, "after"), Label.field(entry, "before"));
        long sum = buildAndDrop(context, BIG_MAP_SIZE, false);
        context.expect().cycles(insertionOrder, 1, BIG_MAP_SIZE).hangersOn(2L * BIG_MAP_SIZE);

        for (int i = 0; i < SMALL_MAPS; i++) {
            sum += buildAndDrop(context, SMALL_MAP_SIZE, false);
        }
        context.expect().cycles(insertionOrder, SMALL_MAPS, (long) SMALL_MAPS * SMALL_MAP_SIZE)
                .hangersOn(2L * SMALL_MAPS * SMALL_MAP_SIZE);

        // One entry has null before/after: entry, key and value are freed with the map.
        for (int i = 0; i < SINGLETON_MAPS; i++) {
            sum += buildAndDrop(context, 1, false);
        }

        for (int i = 0; i < KEY_SET_MAPS; i++) {
            sum += buildAndDrop(context, SMALL_MAP_SIZE, true);
        }
        // keySet() caches a LinkedHashMap$LinkedKeySet in AbstractMap.keySet; the view is a non-static
        // inner class whose this$0 is the map: a two-object loop (same fields on JDK 17 and 25). The
        // entries still form their own loop of 3; the map's table and the 3 keys and 3 values hang on.
        context.expect()
                .cycles(Shape.of(Label.field(AbstractMap.class, "keySet"),
                        Label.field("java.util.LinkedHashMap$LinkedKeySet", "this$0")), KEY_SET_MAPS, 2L * KEY_SET_MAPS)
                .cycles(insertionOrder, KEY_SET_MAPS, (long) KEY_SET_MAPS * SMALL_MAP_SIZE)
                .hangersOn(KEY_SET_MAPS * (1L + 2L * SMALL_MAP_SIZE));
        context.out().println("maps built: " + (1 + SMALL_MAPS + SINGLETON_MAPS + KEY_SET_MAPS) + ", value sum " + sum);
    }

    private static long buildAndDrop(SampleContext context, int size, boolean viaKeySet) {
        Map<Key, Payload> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(new Key(i), new Payload(i * 3));
        }
        long sum = 0;
        if (viaKeySet) {
            for (Key key : map.keySet()) {
                sum += map.get(key).value();
            }
        } else {
            for (int i = 0; i < size; i++) {
                sum += map.get(new Key(i)).value();
            }
        }
        context.letGo(map);
        return sum;
    }
}
