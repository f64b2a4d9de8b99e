package programs;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** Prints the JIT's compiler directives (what {@code jcmd <pid> Compiler.directives_print} shows). */
public final class CompilerDirectives {

    public static void main(String[] args) throws Exception {
        Object directives = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        System.out.println(directives);
    }
}
