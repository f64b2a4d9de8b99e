"""Replays a pymalloc allocation trace in real CPython and prints sys._debugmallocstats() snapshots.

Usage: python trace_runner.py TRACE_FILE

Trace lines: "a SLOT SIZE" (allocate an object of exactly SIZE request bytes into slot SLOT),
"f SLOT" (drop the object in SLOT), "s LABEL" (snapshot), "#..." comments.

Objects are bytes objects: a bytes object of length n is one PyObject_Malloc of
sys.getsizeof(b'') + n bytes (checked below per size; bytes are not GC objects, so there is no
pre-header). Sizes 0 < SIZE < 34 cannot be made this way and are rejected.

CPython's own objects already occupy pools and arenas, so the program first brings the allocator to
a state where the trace behaves as on a fresh allocator (all derived here, from the interpreter's own
statistics, never from numbers baked into the caller):
  * every size class the trace uses has no partially used pool (its "avail blocks" is 0), so the
    trace's first block of each class opens a new pool;
  * no arena has a free pool ("unused pools" is 0), so the trace's first pool opens a new arena and
    the trace's pools never share an arena with the interpreter's.
Both are reached by allocating filler blocks (kept for the rest of the run); see prepare().

Output: stdout gets a few "key: value" lines; stderr (fd 2) gets, per snapshot, a marker line
"@@SNAPSHOT <label>@@" followed by the raw sys._debugmallocstats() text. The first snapshot,
"baseline", is taken after preparation and before the first trace step.
"""
import gc
import os
import sys
import tempfile

BYTES_OVERHEAD = sys.getsizeof(b"")
MIN_REQUEST = BYTES_OVERHEAD + 1  # bytes of length 0 is a shared singleton


class StatsReader:
    """Captures and parses sys._debugmallocstats() with as few Python allocations as possible.

    The output goes to the C-level stderr (fd 2), so fd 2 is pointed at a scratch file opened once.
    Parsing walks the bytes with find() and keeps results in lists made once, so that the reader's
    own transient objects stay small (ints, short bytes, small lists: size classes <= 6) and never
    need a pool of their own once those classes have headroom.
    """

    def __init__(self):
        fd, path = tempfile.mkstemp(prefix="pymalloc-stats-")
        os.unlink(path)
        self.fd = fd
        self.pools = [0] * 32
        self.avail = [0] * 32
        self.unused = 0
        self.pool_size = 0
        self.arena_size = 0

    def capture(self):
        fd = self.fd
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, 0)
        saved = os.dup(2)
        os.dup2(fd, 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        os.lseek(fd, 0, 0)
        data = os.read(fd, 1 << 20)
        self.parse(data)

    def parse(self, data):
        pools = self.pools
        avail = self.avail
        for i in range(32):
            pools[i] = 0
            avail[i] = 0
        self.unused = -1
        pos = 0
        n = len(data)
        while pos < n:
            end = data.find(b"\n", pos)
            if end < 0:
                end = n
            line = data[pos:end]
            pos = end + 1
            if line.startswith(b"Total"):
                break  # what follows (arena map, free lists) is not needed
            parts = line.split()
            if len(parts) == 5 and parts[0].isdigit():
                cls = int(parts[0])
                pools[cls] = int(parts[2])
                avail[cls] = int(parts[4])
            elif b"unused pools *" in line:
                self.unused = int(parts[0])
                self.pool_size = int(parts[4])
            elif b"bytes/arena" in line:
                self.arena_size = int(parts[3])
        if self.unused < 0:
            raise SystemExit("pymalloc is not the active allocator (no pymalloc section in _debugmallocstats)")


def block_size(cls):
    return (cls + 1) * 16


def blocks_per_pool(cls, pool_size):
    return (pool_size - 48) // block_size(cls)


def make_block(cls):
    """A new object whose main allocation lands in size class cls (kept alive by the caller)."""
    if cls == 0:
        return object()  # 16 bytes
    if cls == 1:
        return float(len(_floats)) + 0.5  # 24 bytes
    return bytes(block_size(cls) - BYTES_OVERHEAD)


_floats = []


def read_trace(path):
    steps = []
    sizes = set()
    max_slot = -1
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] == "a":
                slot, size = int(parts[1]), int(parts[2])
                if 0 < size < MIN_REQUEST:
                    raise SystemExit("request size %d cannot be made with a bytes object (minimum %d)"
                                     % (size, MIN_REQUEST))
                sizes.add(size)
                max_slot = max(max_slot, slot)
                steps.append((0, slot, size - BYTES_OVERHEAD))
            elif parts[0] == "f":
                slot = int(parts[1])
                max_slot = max(max_slot, slot)
                steps.append((1, slot, 0))
            elif parts[0] == "s":
                steps.append((2, 0, ("\n@@SNAPSHOT %s@@\n" % parts[1]).encode()))
            else:
                raise SystemExit("bad trace line: %r" % line)
    for size in sizes:
        got = sys.getsizeof(bytes(size - BYTES_OVERHEAD))
        if got != size:
            raise SystemExit("bytes of length %d has getsizeof %d, not %d" % (size - BYTES_OVERHEAD, got, size))
    return steps, sizes, max_slot + 1


def prepare(trace_classes):
    """Brings pymalloc to the start state; returns what must stay alive and facts for the report.

    Phase 1 gives every class headroom (trace classes included: the reader's own transients may
    land in any class) and then takes every free pool with filler blocks, until two consecutive
    snapshots show no free pool. Phase 2 fills the trace classes' partially used pools exactly, from
    the last snapshot, with no parsing afterwards: the blocks go into existing pools, so the number
    of free pools stays 0. The caller's baseline snapshot shows whether it worked.
    """
    reader = StatsReader()
    reader.capture()
    pool_size = reader.pool_size
    filler_class = max(c for c in range(2, 32) if c not in trace_classes)
    filler_per_pool = blocks_per_pool(filler_class, pool_size)
    filler_headroom = filler_per_pool // 2
    kept = []
    for cls in range(32):
        if cls == filler_class:
            continue  # gets its headroom below
        batch = [make_block(cls) for _ in range(2 * blocks_per_pool(cls, pool_size))]
        kept.extend(batch[::2])
        if cls == 1:
            _floats.extend(batch[::2])
        del batch
    # The loop allocates nothing but the blocks it keeps and the reader's small transients: no
    # comprehensions, generators or closures (their objects would land in middle size classes).
    satisfied_in_a_row = 0
    rounds = 0
    append = kept.append
    while satisfied_in_a_row < 2:
        rounds += 1
        if rounds > 50:
            raise SystemExit("could not bring pymalloc to the start state in 50 rounds")
        reader.capture()
        unused = reader.unused
        if unused == 0:
            satisfied_in_a_row += 1
            continue
        satisfied_in_a_row = 0
        # Take every free pool, but leave the last one half empty: headroom for the filler class.
        count = reader.avail[filler_class] + unused * filler_per_pool - filler_headroom
        while count > 0:
            append(make_block(filler_class))
            count -= 1
    avail = reader.avail
    for cls in trace_classes:
        count = avail[cls]
        while count > 0:
            append(make_block(cls))
            count -= 1
    # The reader is returned so that it, too, stays alive: freeing its lists now would open holes
    # in pools that are already accounted for.
    return kept, reader, filler_class, rounds


def main():
    gc.disable()
    steps, sizes, slot_count = read_trace(sys.argv[1])
    trace_classes = sorted({(s - 1) // 16 for s in sizes if s <= 512})
    # Everything the replay touches exists before preparation, so that nothing is allocated
    # between the baseline snapshot and the first step except what the trace asks for.
    slots = [None] * slot_count
    write = os.write
    dump = sys._debugmallocstats
    kept, reader, filler_class, rounds = prepare(trace_classes)

    write(2, b"\n@@SNAPSHOT baseline@@\n")
    dump()
    for op, slot, arg in steps:
        if op == 0:
            slots[slot] = bytes(arg)
        elif op == 1:
            slots[slot] = None
        else:
            write(2, arg)
            dump()
    write(2, b"\n@@END@@\n")

    print("version:", sys.version.split()[0])
    print("pool size:", reader.pool_size)
    print("arena size:", reader.arena_size)
    print("trace classes:", " ".join(map(str, trace_classes)))
    print("filler class:", filler_class)
    print("preparation rounds:", rounds)
    print("kept blocks:", len(kept))


main()
