# Floor division and modulo of machine-sized ints across signs and the 64-bit edges
# (the fast path computes them on machine words; beyond 64 bits the big-int path does).
vals = [-(2**63), -(2**63) + 1, -10, -7, -3, -2, -1, 0, 1, 2, 3, 7, 10, 2**63 - 1]
for x in vals:
    row = []
    for y in vals:
        try:
            row.append((x // y, x % y, divmod(x, y)))
        except ZeroDivisionError as e:
            row.append(str(e))
    print(x, row)
total = 0
for k in range(-50, 50):
    total += k % 7 - k // 3
print(total)
