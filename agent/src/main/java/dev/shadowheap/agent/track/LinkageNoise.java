package dev.shadowheap.agent.track;

import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Recognizes the errors the JVM makes and drops inside {@code java.lang.invoke} while it links a
 * method-handle shape for the first time: a miss when looking for a pregenerated lambda form is a
 * {@code NoSuchMethodError} thrown by the VM and caught a few frames up. With {@code Throwable}
 * rewritten, each would be tracked and its {@code cause = this} self-loop reported as the
 * application's leak, at a rate that depends only on which shapes happen to be linked already. They
 * are left untracked instead (counted as untrackable allocations, so erring toward a blind spot).
 */
final class LinkageNoise {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Function<Stream<StackWalker.StackFrame>, Boolean> IN_INVOKE_LINKAGE =
            frames -> frames.anyMatch(frame -> frame.getClassName().startsWith("java.lang.invoke."));

    private LinkageNoise() {
    }

    /** Whether {@code object} is a linkage error being constructed under {@code java.lang.invoke}. */
    static boolean isLinkageNoise(Object object) {
        // The walk costs microseconds, so only the rare LinkageError pays for it.
        return object instanceof LinkageError && WALKER.walk(IN_INVOKE_LINKAGE);
    }
}
