# Every sample extension from a script: callbacks into Python code, exceptions defined
# by an extension, capsules and their destructors, JSON, text codecs.
import gc

import basics
import callbacks
import capsules
import exceptions
import modcreate
import textsample
import tinyjson

# C calling back into Python functions, with keywords.
def describe(*args, **kwargs):
    return (args, kwargs)

print(callbacks.call(describe, 1, 2, x=3))
print(callbacks.call(lambda v: v * 2, 21))
print(callbacks.call(basics.split_call, 1, y=2))
print(callbacks.call(int, "ff", base=16), callbacks.call(dict, a=1))
print(callbacks.is_callable(describe), callbacks.is_callable(5))

# Exceptions defined and raised by an extension.
try:
    exceptions.raise_custom("bad")
except exceptions.CustomError as e:
    print("caught", type(e).__name__, e.args, isinstance(e, Exception))
E = exceptions.new_exception("mod.Err", None, None)
try:
    raise E("made at run time")
except Exception as e:
    print("caught", type(e).__name__, e)

# Capsules: the destructor runs once the capsule is gone and a collection ran.
before = capsules.destructor_calls()[0]
c = capsules.new(11, "capsules.d")
print("alive:", capsules.destructor_calls()[0] - before)
del c
gc.collect()
print("after collect:", capsules.destructor_calls()[0] - before)

# JSON through the extension.
doc = {"list": [1, 2.5, None, True], "text": "grüß 🐍", "big": 2 ** 80}
text = tinyjson.dumps(doc)
print(text)
print(tinyjson.loads(text) == doc)
try:
    tinyjson.loads("[1, 2")
except ValueError as e:
    print("ValueError:", e)

print(modcreate)
print(textsample.substring("héllo wörld", 1, 5))
