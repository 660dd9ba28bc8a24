"""heapq: a binary min-heap kept in a list (heap[k] <= heap[2k+1] and heap[2k+2]), with
CPython's functions and results (merge, nlargest and nsmallest are stable as there)."""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest",
           "nsmallest", "heappushpop"]


def _sift_up(heap, pos):
    # Moves heap[pos] towards the root while it is smaller than its parent.
    item = heap[pos]
    while pos > 0:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_down(heap, pos):
    # Moves heap[pos] down below its smaller child while that child is smaller.
    n = len(heap)
    item = heap[pos]
    while True:
        child = 2 * pos + 1
        if child >= n:
            break
        right = child + 1
        if right < n and heap[right] < heap[child]:
            child = right
        if heap[child] < item:
            heap[pos] = heap[child]
            pos = child
        else:
            break
    heap[pos] = item


def _check(heap, fname):
    if not isinstance(heap, list):
        raise TypeError("%s() argument 1 must be list, not %s" % (fname, type(heap).__name__))


def heappush(heap, item):
    _check(heap, "heappush")
    heap.append(item)
    _sift_up(heap, len(heap) - 1)


def heappop(heap):
    _check(heap, "heappop")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    top = heap[0]
    heap[0] = last
    _sift_down(heap, 0)
    return top


def heapreplace(heap, item):
    _check(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    top = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return top


def heappushpop(heap, item):
    _check(heap, "heappushpop")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(x):
    _check(x, "heapify")
    for i in reversed(range(len(x) // 2)):
        _sift_down(x, i)


def merge(*iterables, key=None, reverse=False):
    """Merges sorted inputs into one sorted iterator (ties: earlier input first)."""
    iterators = [iter(it) for it in iterables]

    class _Entry:
        __slots__ = ("k", "order", "value")

        def __init__(self, k, order, value):
            self.k, self.order, self.value = k, order, value

        def __lt__(self, other):
            a, b = (other.k, self.k) if reverse else (self.k, other.k)
            if a < b:
                return True
            if b < a:
                return False
            return self.order < other.order

    heads = []
    for order, it in enumerate(iterators):
        for value in it:
            heads.append(_Entry(value if key is None else key(value), order, value))
            break
    heapify(heads)
    while heads:
        e = heads[0]
        yield e.value
        for value in iterators[e.order]:
            heapreplace(heads, _Entry(value if key is None else key(value), e.order, value))
            break
        else:
            heappop(heads)


def nsmallest(n, iterable, key=None):
    """The n smallest items, smallest first (ties in input order: the sort is stable)."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items, largest first (ties in input order: the sort is stable)."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
