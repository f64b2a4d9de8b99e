# Times CPython's gc.collect() over N live objects with two references each (the graph shape the Java
# FullCollectionBenchmark builds on the shadow heap): a list holds every node, each node points at two
# random nodes. Prints the median seconds of one full collection.
import gc
import random
import sys
import time


class Node:
    __slots__ = ("a", "b")


def main():
    n = int(sys.argv[1])
    repeats = int(sys.argv[2])
    rng = random.Random(42)
    nodes = [Node() for _ in range(n)]
    for node in nodes:
        node.a = nodes[rng.randrange(n)]
        node.b = nodes[rng.randrange(n)]
    gc.collect()
    gc.disable()  # only the collections we time
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - start)
    times.sort()
    print("%s %.6f" % (sys.version.split()[0], times[len(times) // 2]))


main()
