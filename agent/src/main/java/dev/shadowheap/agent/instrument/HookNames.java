package dev.shadowheap.agent.instrument;

/** Internal names and descriptors of the bootstrap hooks the rewritten code calls. */
final class HookNames {

    static final String HOOKS = "dev/shadowheap/hooks/Hooks";
    static final String UNSAFE_BRIDGES = "dev/shadowheap/hooks/UnsafeBridges";
    static final String VAR_HANDLE_BRIDGES = "dev/shadowheap/hooks/VarHandleBridges";

    static final String OBJECT_INT_VOID = "(Ljava/lang/Object;I)V";
    static final String OBJECT_VOID = "(Ljava/lang/Object;)V";

    private HookNames() {
    }
}
