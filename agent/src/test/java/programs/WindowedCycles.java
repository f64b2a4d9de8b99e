package programs;

/**
 * Window check, run with {@code window=2,every=1000}: the one window is open from the agent's start for two
 * seconds. Inside it, 20 {@code Dropped} two-node cycles are made and dropped (40 objects reference counting
 * leaks) and 20 {@code Kept} cycles are made and kept. After the window closed the program unlinks every kept
 * pair (unseen: the agent no longer mirrors stores) and drops them: they are freed under reference counting, and
 * a report naming them would be a false leak made by stale edges. Exactly 40 leaked {@code Dropped}.
 */
public final class WindowedCycles {

    static final class Dropped {
        Dropped other;
    }

    static final class Kept {
        Kept other;
    }

    public static void main(String[] args) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Dropped a = new Dropped();
            a.other = new Dropped();
            a.other.other = a;
        }
        Kept[] kept = new Kept[20];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new Kept();
            kept[i].other = new Kept();
            kept[i].other.other = kept[i];
        }
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "3000")); // until the window has closed
        int unlinked = 0;
        for (Kept k : kept) {
            k.other.other = null;
            unlinked++;
        }
        kept = null;
        System.gc();
        System.out.println("unlinked=" + unlinked);
    }
}
