# heapq: push/pop order, heapify, replace, pushpop, merge (with key, reverse, ties),
# nlargest/nsmallest (with key, ties in input order), errors.
import heapq
import random

rng = random.Random(7)
data = [rng.randrange(100) for _ in range(200)]
h = []
for x in data:
    heapq.heappush(h, x)
print(all(h[k] <= h[c] for k in range(len(h)) for c in (2 * k + 1, 2 * k + 2) if c < len(h)))
print([heapq.heappop(h) for _ in range(len(h))] == sorted(data))
h = list(data)
heapq.heapify(h)
print(h[0] == min(data), heapq.heapreplace(h, 1000) == min(data), heapq.heappushpop(h, -1))
print(heapq.heappushpop([], 5), heapq.heappushpop([3], 5))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge(["a", "bb"], ["A", "CC"], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 4], reverse=True)))
print(list(heapq.merge()))
words = ["pear", "fig", "apple", "kiwi", "date", "banana"]
print(heapq.nsmallest(3, words, key=len), heapq.nlargest(2, words, key=len))
print(heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(5, [5, 1, 4]), heapq.nlargest(0, [1]))
for bad in (lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1),
            lambda: heapq.heappush((), 1)):
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
