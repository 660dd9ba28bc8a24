/* A model of the collector's copy loop, to show how the distance between the two
 * semispaces changes its speed (see Region::reserve_pair in gc/src/region.rs).
 *
 *   gcc -O2 gc/benches/semispace_distance.c -o /tmp/sd && /tmp/sd 0 && /tmp/sd 524288
 *
 * The argument is added to an 8 GiB distance. Each line prints a Cheney collection of
 * 64 MiB of 48-byte objects laid out in allocation order (object i refers to i+1 and
 * i+2) and its ratio to a memcpy of the same bytes. Not part of the test suite. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define LIVE (64u << 20)
#define OBJ 48
#define WORDS (OBJ / 8)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static size_t n;
static uint64_t root;
static uintptr_t top;

/* Copies what `root` reaches from `from` to `to`; the header holds the size in its high
 * half, and becomes the new address | 1 once the object is copied. */
static void evacuate(uint64_t *slot, uintptr_t from) {
    uint64_t v = *slot;
    if (v - from >= (uint64_t)n * OBJ || (v & 7)) return;
    uint64_t h = *(uint64_t *)v;
    if (h & 1) { *slot = h & ~1ull; return; }
    uint64_t *s = (uint64_t *)v, *d = (uint64_t *)top;
    for (size_t k = 0; k < (h >> 32) / 8; k++) d[k] = s[k];
    *(uint64_t *)v = top | 1;
    *slot = top;
    top += h >> 32;
}

static void collect(uint64_t *from, uint64_t *to) {
    top = (uintptr_t)to;
    uintptr_t scan = top;
    evacuate(&root, (uintptr_t)from);
    while (scan < top) {
        uint64_t *body = (uint64_t *)(scan + 8);
        evacuate(&body[0], (uintptr_t)from);
        evacuate(&body[1], (uintptr_t)from);
        scan += *(uint64_t *)scan >> 32;
    }
}

int main(int argc, char **argv) {
    size_t cap = (size_t)8 << 30;
    size_t extra = argc > 1 ? strtoul(argv[1], 0, 0) : 0;
    char *a = mmap(0, 2 * cap + extra + LIVE, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (a == MAP_FAILED) { perror("mmap"); return 1; }
    char *b = a + cap + extra;
    if (mprotect(a, LIVE, PROT_READ | PROT_WRITE) || mprotect(b, LIVE, PROT_READ | PROT_WRITE)) {
        perror("mprotect");
        return 1;
    }
    n = LIVE / OBJ;
    uint64_t *from = (uint64_t *)a, *to = (uint64_t *)b;
    memset(to, 0, LIVE);
    for (size_t i = 0; i < n; i++) {
        uint64_t *o = from + i * WORDS;
        o[0] = ((uint64_t)OBJ << 32) | 0xA6;
        o[1] = (uint64_t)(from + ((i + 1) % n) * WORDS);
        o[2] = (uint64_t)(from + ((i + 2) % n) * WORDS);
        o[3] = i;
        o[4] = o[5] = 0;
    }
    root = (uint64_t)from;
    char *src = malloc(LIVE), *dst = malloc(LIVE);
    memset(src, 1, LIVE);
    memset(dst, 2, LIVE);
    void *(*volatile copy)(void *, const void *, size_t) = memcpy;
    printf("distance 8 GiB + %zu bytes\n", extra);
    for (int r = 0; r < 8; r++) {
        double t0 = now();
        collect(from, to);
        double t1 = now();
        copy(dst, src, LIVE);
        double t2 = now();
        uint64_t *x = from; from = to; to = x;
        printf("collection %5.2f ms, %5.2f ns/object, %.2fx memcpy\n", (t1 - t0) * 1e3,
               (t1 - t0) * 1e9 / n, (t1 - t0) / (t2 - t1));
    }
    return 0;
}
