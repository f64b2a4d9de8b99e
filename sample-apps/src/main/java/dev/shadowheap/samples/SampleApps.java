package dev.shadowheap.samples;

import java.util.List;
import java.util.function.Supplier;

/** Every sample app, so tests and tools can run them all; each also has its own {@code main}. */
public final class SampleApps {
    private SampleApps() {
    }

    /** The apps, in a fixed order; each supplier makes a fresh instance. */
    public static List<Supplier<SampleApp>> all() {
        return List.of(
                DoublyLinkedListApp::new,
                LinkedListApp::new,
                ParentPointerTreeApp::new,
                ObserverApp::new,
                InnerClassApp::new,
                LambdaCaptureApp::new,
                ExceptionCauseApp::new,
                LinkedHashMapApp::new,
                RandomGraphApp::new,
                ProducerConsumerApp::new,
                ConcurrentStoresApp::new,
                CopyAndReflectionApp::new,
                CleanApp::new,
                Demo::new);
    }
}
