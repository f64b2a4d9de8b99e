package programs;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A ConcurrentHashMap filled through Unsafe CAS paths, one value referring back to the map, then
 * dropped. Leaked: the map, its table, 200 nodes, 200 keys and 200 values.
 */
public final class ConcurrentMapCycle {

    static final class Key {
        final int id;

        Key(int id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).id == id;
        }
    }

    static final class Value {
        Object back;
    }

    public static void main(String[] args) {
        ConcurrentHashMap<Key, Value> map = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            map.put(new Key(i), new Value());
        }
        map.get(new Key(7)).back = map;
        System.out.println("size=" + map.size());
    }
}
