package dev.shadowheap.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Allocates plenty and leaks nothing: acyclic structures are freed by reference counting alone, and the
 * cycles it makes are broken before they are dropped. Its expectation is empty: zero leaks.
 */
public final class CleanApp implements SampleApp {
    static final int ROUNDS = 200;

    /** A tree without parent pointers: references only go down. */
    static final class Branch {
        final List<Branch> kids = new ArrayList<>();
        final Payload payload;

        Branch(Payload payload) {
            this.payload = payload;
        }
    }

    /** A doubly-linked node that is unlinked before it is dropped. */
    static final class Link {
        Link prev;
        Link next;
    }

    /** An outer object that forgets its inner one before it is dropped. */
    static final class Owner {
        Helper helper;
        int uses;

        final class Helper {
            void use() {
                uses++;
            }
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new CleanApp());
    }

    @Override
    public void run(SampleContext context) {
        long work = 0;
        for (int round = 0; round < ROUNDS; round++) {
            work += acyclicTree(context, round);
            work += hashMapOfPayloads(context, round);
            work += clearedLinkedList(context, round);
            work += unlinkedChain(context);
            work += forgottenInner(context);
            work += exceptionWithoutCause(context, round);
        }
        // Nothing is stated: every structure above is either acyclic or has its cycle broken.
        context.out().println("clean rounds: " + ROUNDS + ", work " + work);
    }

    private static int acyclicTree(SampleContext context, int round) {
        Branch root = new Branch(new Payload(round));
        for (int i = 0; i < 3; i++) {
            Branch kid = new Branch(new Payload(i));
            kid.kids.add(new Branch(new Payload(i * 2)));
            root.kids.add(kid);
        }
        context.letGo(root);
        return root.kids.size();
    }

    private static int hashMapOfPayloads(SampleContext context, int round) {
        Map<Payload, Payload> map = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            map.put(new Payload(i), new Payload(round + i));
        }
        context.letGo(map);
        return map.size();
    }

    /** LinkedList.clear() nulls item, next and prev of every node, so no node keeps another. */
    private static int clearedLinkedList(SampleContext context, int round) {
        LinkedList<Payload> list = new LinkedList<>();
        for (int i = 0; i < 10; i++) {
            list.add(new Payload(round * i));
        }
        int size = list.size();
        list.clear();
        context.letGo(list);
        return size;
    }

    private static int unlinkedChain(SampleContext context) {
        Link first = new Link();
        Link last = first;
        for (int i = 0; i < 5; i++) {
            Link link = new Link();
            link.prev = last;
            last.next = link;
            last = link;
        }
        // Cut every back link: what remains is a forward chain, freed from its head.
        for (Link link = first; link != null; link = link.next) {
            link.prev = null;
        }
        context.letGo(first);
        return 6;
    }

    private static int forgottenInner(SampleContext context) {
        Owner owner = new Owner();
        owner.helper = owner.new Helper();
        owner.helper.use();
        owner.helper = null;
        context.letGo(owner);
        return owner.uses;
    }

    private static int exceptionWithoutCause(SampleContext context, int round) {
        IllegalStateException failure = new IllegalStateException();
        // A fresh throwable is its own cause until told otherwise; initCause(null) breaks that self-loop.
        failure.initCause(null);
        context.letGo(failure);
        return round % 2;
    }
}
