package programs;

/** Classes in a package the agent rewrites, standing for a class before and after someone else redefines it. */
public final class IdFieldShapes {

    private IdFieldShapes() {
    }

    /** As a class the agent gave the id field when it was defined. */
    public static final class AlreadyWithIdField {
        @SuppressWarnings("unused")
        private transient long $shadowheap$id;
        Object value;
    }

    /** The class-file bytes a debugger's hot swap of such a class would bring (without the field). */
    public static final class Redefinable {
        Object value;
    }
}
