# Peak memory of a loop whose extension objects own large malloc'ed buffers (the `bigbuf`
# sample of ext-samples): N objects of 800 KB each, the last 8 kept alive. Under reference
# counting each dead buffer is freed at once; a tracing collector must learn about the
# memory it does not allocate. The bench measures the process's peak RSS from outside.
# Usage: bigbuf_rss.py N
import sys

import bigbuf


def run(n, size, keep):
    window = [None] * keep
    for i in range(n):
        window[i % keep] = bigbuf.Buffer(size)
    return bigbuf.counts()


print(run(int(sys.argv[1]), 800_000, 8))
