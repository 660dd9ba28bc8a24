# Calls an extension function (basics.identity, HPyFunc_O) n times.
import sys

import basics

n = int(sys.argv[1])
f = basics.identity
for i in range(n):
    f(i)
