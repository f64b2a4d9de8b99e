package dev.shadowheap.benchmarks;

/** How the tracker knows a benchmark node: through its identity table, or through the node's own id field. */
public enum NodeIdentity {
    /** A class without the agent's id field, as JDK classes and classes loaded before the agent are. */
    TABLE,
    /** An application class defined after the agent started, which carries the id field. */
    FIELD
}
