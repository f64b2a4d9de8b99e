package dev.shadowheap.agent.instrument;

/** Told about each class the agent rewrote or failed to rewrite. */
public interface RewriteListener {

    void rewritten(String className, ClassLoader loader);

    void failed(String className, Throwable error);
}
