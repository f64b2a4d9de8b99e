package dev.shadowheap.samples;

import dev.shadowheap.samples.expect.Label;
import dev.shadowheap.samples.expect.Shape;
import java.util.ArrayList;
import java.util.List;

/** Trees whose nodes know their parent: each parent-child pair is a loop through an ArrayList. */
public final class ParentPointerTreeApp implements SampleApp {
    static final int TREES = 100;
    static final int BRANCHING = 3;
    static final int DEPTH = 2;
    static final int SINGLE_NODE_TREES = 100;

    /** A tree node; {@code children} is created only when the first child is added. */
    static final class TreeNode {
        TreeNode parent;
        List<TreeNode> children;
        final Payload payload;

        TreeNode(Payload payload) {
            this.payload = payload;
        }

        TreeNode addChild(Payload childPayload) {
            TreeNode child = new TreeNode(childPayload);
            child.parent = this;
            if (children == null) {
                children = new ArrayList<>();
            }
            children.add(child);
            return child;
        }

        int size() {
            int size = 1;
            if (children != null) {
                for (TreeNode child : children) {
                    size += child.size();
                }
            }
            return size;
        }
    }

    public static void main(String[] args) {
        SampleMain.run(new ParentPointerTreeApp());
    }

    @Override
    public void run(SampleContext context) {
        int nodes = 0;
        for (int t = 0; t < TREES; t++) {
            TreeNode root = new TreeNode(new Payload(t));
            grow(root, DEPTH);
            nodes += root.size();
            context.letGo(root);
        }
        // With branching 3 and depth 2 a tree has 1 + 3 + 9 = 13 nodes, 4 of them inner nodes. The
        // root's only referrers are its children (parent), so every node, every inner node's ArrayList
        // and the Object[] behind it (elementData, 10 slots from the first add) are one strongly
        // connected component: 13 + 4 + 4 = 21 objects. The shortest loop is parent -> children list
        // -> its array -> child -> parent. Payloads (one per node) hang on.
        int treeNodes = 1 + BRANCHING + BRANCHING * BRANCHING;
        int innerNodes = 1 + BRANCHING;
        Shape parentChild = Shape.of(Label.field(TreeNode.class, "children"),
                Label.field(ArrayList.class, "elementData"), Label.elements(Object[].class),
                Label.field(TreeNode.class, "parent"));
        context.expect().cycles(parentChild, TREES, (long) TREES * (treeNodes + 2 * innerNodes))
                .hangersOn((long) TREES * treeNodes);

        // A lone root has no children list and no parent: nothing points back, nothing leaks.
        for (int t = 0; t < SINGLE_NODE_TREES; t++) {
            TreeNode root = new TreeNode(new Payload(t));
            nodes += root.size();
            context.letGo(root);
        }
        context.out().println("trees built: " + (TREES + SINGLE_NODE_TREES) + ", nodes " + nodes);
    }

    private static void grow(TreeNode node, int depth) {
        if (depth == 0) {
            return;
        }
        for (int i = 0; i < BRANCHING; i++) {
            grow(node.addChild(new Payload(depth * 10 + i)), depth - 1);
        }
    }
}
