# A pure-Python loop of n iterations (an addition and a store each).
import sys

n = int(sys.argv[1])
total = 0
for i in range(n):
    total += i
