package programs;

import java.util.LinkedList;

/**
 * A LinkedList of 30 elements, dropped: its nodes link both ways, so all 30 LinkedList$Node objects
 * and the 30 Items they hold are leaked under pure reference counting; the list object itself is not
 * in a cycle and is freed.
 */
public final class LinkedListDrop {

    static final class Item {
        final int value;

        Item(int value) {
            this.value = value;
        }
    }

    public static void main(String[] args) {
        LinkedList<Item> list = new LinkedList<>();
        for (int i = 0; i < 30; i++) {
            list.add(new Item(i));
        }
        int sum = 0;
        for (Item item : list) {
            sum += item.value;
        }
        System.out.println("size=" + list.size() + " sum=" + sum);
        list = null;
    }
}
