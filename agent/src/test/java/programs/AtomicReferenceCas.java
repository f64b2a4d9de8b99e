package programs;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A cycle made through AtomicReference (VarHandle compareAndSet and set): owner -> ref -> cell -> owner.
 * One failed CAS must store nothing. Leaked: Owner, AtomicReference and Cell, 10 times.
 */
public final class AtomicReferenceCas {

    static final class Owner {
        final AtomicReference<Object> ref = new AtomicReference<>();
    }

    static final class Cell {
        Owner owner;
    }

    public static void main(String[] args) {
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            Owner owner = new Owner();
            Cell cell = new Cell();
            cell.owner = owner;
            if (!owner.ref.compareAndSet(cell, new Cell())) {
                failed++; // expected value is wrong: no store
            }
            owner.ref.compareAndSet(null, cell);
        }
        Owner plain = new Owner();
        plain.ref.set(new Cell());
        System.out.println("failed=" + failed);
    }
}
