package dev.shadowheap.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;

/**
 * Plugs {@link HeapClassVisitor} into Byte Buddy. The rewriting adds no branches, so the class writer
 * only recomputes maximum stack sizes and keeps the original stack-map frames.
 */
final class HeapVisitorWrapper implements AsmVisitorWrapper {

    private final InstrumentationIds ids;

    HeapVisitorWrapper(InstrumentationIds ids) {
        this.ids = ids;
    }

    @Override
    public int mergeWriter(int flags) {
        return flags | ClassWriter.COMPUTE_MAXS;
    }

    @Override
    public int mergeReader(int flags) {
        return flags;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
            Implementation.Context implementationContext, TypePool typePool,
            FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags, int readerFlags) {
        return new HeapClassVisitor(classVisitor, ids);
    }
}
