# except* and ExceptionGroup/BaseExceptionGroup (PEP 654): construction, split/subgroup/
# derive, and the rules of except* (splitting, re-raise of the unhandled part, raising in
# a clause, naked exceptions, except* ExceptionGroup refused).
eg = ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
print(repr(eg), str(eg), eg.message, eg.exceptions[:2], type(eg).__mro__[1].__name__)
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))), eg.subgroup(OSError))
print(type(BaseExceptionGroup("x", [ValueError()])).__name__, type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
for args in [(1, [ValueError()]), ("m", []), ("m", [1]), ("m", ValueError())]:
    try:
        BaseExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("m", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError", e)
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
try:
    raise eg
except* ValueError as e:
    print("VE", repr(e))
except* TypeError as e:
    print("TE", repr(e))
except* KeyError as e:
    print("KE", repr(e))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(2)])
    except* ValueError as e:
        print("handled", repr(e))
except ExceptionGroup as rest:
    print("rest", repr(rest))
try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked", repr(e))
try:
    try:
        raise ValueError("naked2")
    except* TypeError:
        print("no")
except ValueError as e:
    print("naked passes", repr(e))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        raise KeyError("new")
except BaseException as e:
    print("raised in body", repr(e), repr(e.exceptions[0].__context__) if isinstance(e, BaseExceptionGroup) else "")
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("bare raise", repr(e))
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError(5)
except ExceptionGroup as e:
    print("mixed", repr(e))
try:
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError", e)
try:
    raise ExceptionGroup("g", [ValueError(1)])
except* (ValueError, TypeError) as e:
    print("tuple", repr(e))
def f():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        pass
    finally:
        print("finally")
    return "done"
print(f())
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)
m, r = MyEG("my", [ValueError(1), TypeError(2)]).split(TypeError)
print(repr(m), repr(r), type(m).__name__)

nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")])])
try:
    try:
        raise nested
    except* ValueError as e:
        print("values", repr(e))
except ExceptionGroup as rest:
    print("left", repr(rest))
try:
    raise BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError(1)])
except* KeyboardInterrupt as e:
    print("kbd", repr(e), type(e).__name__)
except* ValueError as e:
    print("val", repr(e), type(e).__name__)
results = []
for exc in [ValueError(1), TypeError(2), ExceptionGroup("g", [OSError(3)])]:
    try:
        try:
            raise exc
        except* (ValueError, TypeError) as e:
            results.append(("caught", type(e).__name__, len(e.exceptions)))
    except BaseException as e:
        results.append(("escaped", type(e).__name__))
print(results)
print(ExceptionGroup("x", [ValueError()]).derive([TypeError()]).__class__.__name__)
try:
    ExceptionGroup("m", [ValueError()]).split(5)
except TypeError as e:
    print("TypeError", e)
jumps = [
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
    "try:\n    pass\nexcept* ValueError:\n    for i in range(2):\n        break\n",
    "try:\n    pass\nexcept* ValueError:\n    def g():\n        return 1\n",
]
for src in jumps:
    try:
        compile(src, "<jump>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
