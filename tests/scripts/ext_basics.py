# The sample extension from a script.
import basics
from basics import add_ints, get_global

print(basics.get_str(), basics.get_big_int(), basics.get_float())
print(add_ints(2, 40), basics.get_tuple(), basics.get_list(), basics.get_dict())
print(basics.build_nested())
print(basics.kw_numbers(1, 5, scale=2.5), basics.split_call(1, 2, x=3))
print(basics.reversed_list("abc"), basics.sum_sequence([1, 2, 3]))
print(get_global() is basics.SHARED, basics.ANSWER, basics.GREETING)
try:
    basics.raise_value_error()
except ValueError as e:
    print("ValueError:", e)
try:
    basics.int_plus_one(2 ** 70)
except OverflowError as e:
    print("OverflowError:", e)
print(basics.str_echo("grüß 🐍"), basics.bytes_summary(b"ab\x00c"))
# ctx->h_Builtins is the builtins dict, as on CPython.
print(basics.builtin("len") is len, basics.builtin("ValueError") is ValueError, basics.builtin("None"))
try:
    basics.builtin("no_such_builtin")
except KeyError as e:
    print("KeyError", e)
