package dev.shadowheap.agent;

/** A bad agent option; its message is the one line printed before start-up stops. */
public final class AgentOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public AgentOptionException(String message) {
        super(message);
    }
}
