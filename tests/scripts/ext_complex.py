# Complex numbers reaching extensions: HPy 0.9 has no complex API, so an extension sees
# them through the generic protocols (HPy_Type, HPy_IsTrue, HPy_GetItem on builtins,
# number slots that answer NotImplemented).
import basics
import tinyjson
from exttypes import vector

z = 3 - 4j
print(basics.identity(z), basics.identity(z) is z, basics.type_of(z) is complex)
print(basics.kind_of(z), basics.is_true(z), basics.is_true(0j), basics.is_true(complex(0, -0.0)))
print(basics.builtin("complex") is complex, basics.builtin("complex")("1+1j"))
try:
    tinyjson.dumps([1, 1j])
except TypeError as e:
    print("TypeError:", e)
v = vector([1.0, 2.0])
for f in [lambda: v + 1j, lambda: 1j * v, lambda: v - (1 + 0j), lambda: 2j / v]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print([basics.identity(complex(i, -i)) for i in range(3)])
