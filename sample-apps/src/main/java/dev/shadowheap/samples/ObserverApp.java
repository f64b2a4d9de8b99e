package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.ArrayList;
import java.util.List;

/** The observer pattern: a subject lists its observers, and each observer keeps its subject. */
public final class ObserverApp implements SampleApp {
    static final int SUBJECTS = 400;
    static final int OBSERVERS_PER_SUBJECT = 3;

    /** Notifies the observers in its list. */
    static final class Subject {
        final List<Observer> observers = new ArrayList<>();
        int state;

        void subscribe(Observer observer) {
            observers.add(observer);
        }

        void unsubscribe(Observer observer) {
            observers.remove(observer);
        }

        void set(int newState) {
            state = newState;
            for (Observer observer : observers) {
                observer.changed();
            }
        }
    }

    /** Remembers the subject it watches, which is what closes the loop. */
    static final class Observer {
        final Subject subject;
        int seen;

        Observer(Subject subject) {
            this.subject = subject;
        }

        void changed() {
            seen += subject.state;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new ObserverApp());
    }

    @Override
    public void run(SampleContext context) {
        long notifications = 0;
        for (int s = 0; s < SUBJECTS; s++) {
            Subject subject = new Subject();
            List<Observer> watching = new ArrayList<>();
            for (int o = 0; o < OBSERVERS_PER_SUBJECT; o++) {
                Observer observer = new Observer(subject);
                subject.subscribe(observer);
                watching.add(observer);
            }
            subject.set(s);
            // The first observer unsubscribes: ArrayList.remove shifts the others down with
            // System.arraycopy and nulls the last slot, so nothing in the subject points at it any more.
            subject.unsubscribe(watching.get(0));
            subject.set(s + 1);
            for (Observer observer : watching) {
                notifications += observer.seen;
            }
            context.letGo(watching);
            context.letGo(subject);
        }
        // Per subject: subject -> observers (ArrayList) -> elementData (Object[]) -> observer -> subject.
        // The subject, its list, the list's array and the two subscribed observers are one strongly
        // connected component (5 objects). The unsubscribed observer is referenced by nothing once the
        // helper list is freed; it is freed too and gives back its count on the subject.
        Shape subscription = Shape.of(Label.field(Subject.class, "observers"),
                Label.field(ArrayList.class, "elementData"), Label.elements(Object[].class),
                Label.field(Observer.class, "subject"));
        context.expect().cycles(subscription, SUBJECTS, SUBJECTS * 5L);
        context.out().println("subjects: " + SUBJECTS + ", notifications total " + notifications);
    }
}
