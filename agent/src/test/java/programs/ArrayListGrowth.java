package programs;

import java.util.ArrayList;
import java.util.List;

/**
 * An ArrayList grown to 1000 elements (many Arrays.copyOf growths), some removals, and one element
 * pointing back at the list: the list, its backing array and the Holder form a cycle. Leaked: the
 * ArrayList, its current Object[], the Holder, and every Box (held by the array): 1 + 1 + 1 + 999.
 */
public final class ArrayListGrowth {

    static final class Box {
        final int value;

        Box(int value) {
            this.value = value;
        }
    }

    static final class Holder {
        List<Object> owner;
    }

    public static void main(String[] args) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(new Box(i));
        }
        list.remove(10);
        list.add(5, new Box(-1));
        list.remove(list.size() - 1);
        Holder holder = new Holder();
        holder.owner = list;
        list.add(holder);
        System.out.println("size=" + list.size());
    }
}
