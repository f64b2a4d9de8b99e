# Builds and drops cyclic structures, the garbage reference counting alone cannot free: doubly-linked rings,
# trees with parent pointers, self-referencing containers, objects whose bound methods refer back to them, and
# closures that refer to themselves. ROUNDS is set by the Java driver. Everything printed is deterministic: no
# id(), no hash() of objects, no gc.collect() return values.
import gc


class Lcg(object):
    """A small seeded generator, so the program does not depend on the random module's algorithm."""

    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) & 0x7fffffff
        return self.state % bound


class ListNode(object):
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


class TreeNode(object):
    def __init__(self, label, parent):
        self.label = label
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def depth(self):
        d = 0
        node = self.parent
        while node is not None:
            d += 1
            node = node.parent
        return d


class Observer(object):
    """Holds its own bound method in a registry it owns: a cycle through a method object."""

    def __init__(self, name):
        self.name = name
        self.seen = []
        self.registry = {'on_event': self.on_event}

    def on_event(self, value):
        self.seen.append(value)
        return len(self.seen)


def build_ring(size, rng):
    head = ListNode(rng.next(1000))
    tail = head
    for _ in range(size - 1):
        node = ListNode(rng.next(1000))
        node.prev = tail
        tail.next = node
        tail = node
    tail.next = head
    head.prev = tail
    return head


def walk_ring(head):
    total, count, node = 0, 0, head
    while True:
        total += node.value * (count % 7 + 1)
        count += 1
        node = node.next
        if node is head:
            return total, count


def build_tree(rng, nodes):
    root = TreeNode('root', None)
    all_nodes = [root]
    for i in range(nodes - 1):
        parent = all_nodes[rng.next(len(all_nodes))]
        all_nodes.append(TreeNode('n%d' % i, parent))
    return root, all_nodes


def counter_closure(limit):
    def count(n):
        if n <= 0:
            return 0
        return 1 + count(n - 1)
    return count(limit), count


def one_round(r, rng):
    checksum = 0
    ring = build_ring(500 + rng.next(500), rng)
    total, count = walk_ring(ring)
    checksum += total + count
    ring = None

    root, nodes = build_tree(rng, 800)
    checksum += sum(node.depth() for node in nodes[::7])
    checksum += max(len(node.children) for node in nodes)
    root = nodes = None

    containers = []
    for i in range(200):
        d = {'index': i}
        d['self'] = d
        l = [i, d]
        l.append(l)
        containers.append(l)
    checksum += sum(len(c) for c in containers)
    containers = None

    observers = [Observer('o%d' % i) for i in range(100)]
    for i, o in enumerate(observers):
        checksum += o.registry['on_event'](i + r)
    observers = None

    value, fn = counter_closure(50 + r % 50)
    checksum += value
    fn = None
    return checksum


rng = Lcg(12345)
grand = 0
for r in range(ROUNDS):
    grand = (grand * 31 + one_round(r, rng)) % 1000000007
    if r % 10 == 9:
        gc.collect()
print('jython rounds=%d checksum=%d' % (ROUNDS, grand))
