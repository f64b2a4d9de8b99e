package dev.shadowheap.agent.instrument;

/**
 * The numbers the rewritten code passes to the hooks, handed out while a class is transformed so that
 * nothing needs to be looked up by name at run time.
 */
public interface InstrumentationIds {

    /** The id of an allocation site such as {@code com.example.Foo.bar(Foo.java:42)}. */
    int site(String site);

    /** The id of a field reference as it appears in a {@code PUTFIELD}/{@code PUTSTATIC} instruction. */
    int fieldRef(String ownerInternalName, String fieldName, boolean isStatic);
}
