# A handle kept in a C static across calls and closed by a later call (heldhandle.c):
# legal HPy, so debug mode reports nothing (tests/scripts run under --debug too), and the
# kept object survives every collection while only the C static refers to it.
import gc

import heldhandle

heldhandle.keep([1, 2, 3])
gc.collect()
print(heldhandle.kept())
for i in range(20):
    heldhandle.keep({"i": i, "s": str(i) * 3})
    gc.collect()
print(heldhandle.kept())
heldhandle.keep("last")
print(heldhandle.kept())
heldhandle.release()
print(heldhandle.kept())
heldhandle.release()
