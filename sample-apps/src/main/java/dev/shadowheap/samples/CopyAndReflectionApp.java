package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.lang.reflect.Field;

/**
 * Cycles whose closing reference is written by something other than a store instruction in the app:
 * {@code System.arraycopy}, {@code Object.clone}, an array's {@code clone()} and {@code Field.set}.
 */
public final class CopyAndReflectionApp implements SampleApp {
    static final int PER_KIND = 200;

    /** Gets its slots filled by System.arraycopy. */
    static final class Crate {
        final Object[] slots = new Object[2];
    }

    /** Cloned with Object.clone, which copies {@code other}. */
    static final class Link implements Cloneable {
        Link other;

        @Override
        protected Link clone() {
            try {
                return (Link) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError("Link is Cloneable", e);
            }
        }
    }

    /** Gets its contents from a cloned array. */
    static final class Basket {
        Basket[] contents;
    }

    /** Parcel and Tag: parcel.tag by putfield, tag.owner by reflection. */
    static final class Parcel {
        Tag tag;
    }

    /** The reflectively written half of the parcel loop. */
    static final class Tag {
        Object owner;
    }

    public static void main(String[] args) {
        SampleMain.run(new CopyAndReflectionApp());
    }

    @Override
    public void run(SampleContext context) {
        for (int i = 0; i < PER_KIND; i++) {
            Crate crate = new Crate();
            Object[] incoming = {crate, new Payload(i)};
            System.arraycopy(incoming, 0, crate.slots, 0, incoming.length);
            context.letGo(incoming);
            context.letGo(crate);
        }
        // The temporary array is freed; crate.slots -> Object[] -> crate is the loop (2 objects) and the
        // payload copied into slot 1 hangs on.
        context.expect().cycles(Shape.of(Label.field(Crate.class, "slots"), Label.elements(Object[].class)),
                PER_KIND, 2L * PER_KIND).hangersOn(PER_KIND);

        for (int i = 0; i < PER_KIND; i++) {
            Link hub = new Link();
            Link template = new Link();
            template.other = hub;
            Link copy = template.clone();
            hub.other = copy;
            context.letGo(template);
            context.letGo(hub);
        }
        // clone copied template.other (= hub) into copy, and hub points at copy: hub <-> copy, the same
        // field twice, written Link.other+. The template points at hub but nothing points at it: freed.
        Label other = Label.field(Link.class, "other");
        context.expect().cycles(Shape.of(other, other), PER_KIND, 2L * PER_KIND);

        for (int i = 0; i < PER_KIND; i++) {
            Basket basket = new Basket();
            Basket[] prototype = {basket};
            basket.contents = prototype.clone();
            context.letGo(prototype);
            context.letGo(basket);
        }
        // The clone holds basket; basket holds the clone: 2 objects. The prototype array is freed.
        context.expect().cycles(Shape.of(Label.field(Basket.class, "contents"), Label.elements(Basket[].class)),
                PER_KIND, 2L * PER_KIND);

        Field owner = ownerField();
        for (int i = 0; i < PER_KIND; i++) {
            Parcel parcel = new Parcel();
            parcel.tag = new Tag();
            setReflectively(owner, parcel.tag, parcel);
            context.letGo(parcel);
        }
        context.expect().cycles(Shape.of(Label.field(Parcel.class, "tag"), Label.field(Tag.class, "owner")),
                PER_KIND, 2L * PER_KIND);
        context.out().println("copies, clones and reflective stores: " + 4 * PER_KIND);
    }

    private static Field ownerField() {
        try {
            return Tag.class.getDeclaredField("owner");
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Tag.owner is missing", e);
        }
    }

    private static void setReflectively(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
