package dev.shadowheap.agent.instrument;

import dev.shadowheap.hooks.ThreadState;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the class rewriting with Byte Buddy: retransformation (so the already loaded
 * {@code java.util} classes are rewritten too) without class-format changes (retransformation cannot
 * add members), and the agent's own ignore matcher ({@link InstrumentationScope}) in place of Byte
 * Buddy's default, which skips every bootstrap class. Hooks are suspended on a thread while it
 * transforms a class, so Byte Buddy's own collections are never observed.
 */
public final class AgentInstaller {

    private AgentInstaller() {
    }

    public static ClassFileTransformer install(Instrumentation inst, InstrumentationScope scope,
            InstrumentationIds ids, RewriteListener rewrites) {
        // Keeps Byte Buddy from setting up its Nexus through sun.misc.Unsafe (a warning on JDK 24+).
        String nexus = System.getProperty("net.bytebuddy.nexus.disabled");
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(AgentBuilder.PoolStrategy.Default.FAST)
                    .with(new GuardingListener(rewrites))
                    .ignore(new OutOfScope(scope))
                    .type(ElementMatchers.any())
                    .transform((builder, type, loader, module, domain) -> builder.visit(new HeapVisitorWrapper(ids)))
                    .installOn(inst);
        } finally {
            if (nexus == null) {
                System.clearProperty("net.bytebuddy.nexus.disabled");
            } else {
                System.setProperty("net.bytebuddy.nexus.disabled", nexus);
            }
        }
    }

    private static final class OutOfScope implements AgentBuilder.RawMatcher {
        private final InstrumentationScope scope;

        OutOfScope(InstrumentationScope scope) {
            this.scope = scope;
        }

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
                ProtectionDomain domain) {
            return !scope.covers(type.getName(), InstrumentationScope.LoaderKind.of(loader));
        }
    }

    private static final class GuardingListener extends AgentBuilder.Listener.Adapter {
        private final RewriteListener rewrites;

        GuardingListener(RewriteListener rewrites) {
            this.rewrites = rewrites;
        }

        @Override
        public void onDiscovery(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            ThreadState.suspendHooks();
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            rewrites.rewritten(type.getName(), loader);
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            rewrites.failed(typeName, error);
        }

        @Override
        public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            ThreadState.resumeHooks();
        }
    }
}
