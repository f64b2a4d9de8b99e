package programs;

/**
 * A million short-lived linked objects, then a pause before the program ends: what the JVM's collections found dead
 * by then has time to be released while the program still runs.
 */
public final class ChurnThenPause {

    static final class Link {
        Link next;
        final int value;

        Link(int value) {
            this.value = value;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        long sum = 0;
        Link previous = new Link(0);
        for (int i = 0; i < 1_000_000; i++) {
            Link link = new Link(i);
            previous.next = link;
            previous = (i & 63) == 0 ? new Link(i) : link; // drop chains regularly
            sum += link.value;
        }
        Thread.sleep(2_000);
        System.out.println("checksum " + sum);
    }
}
