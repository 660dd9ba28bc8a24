# pickle and copyreg (written in Python for hpymove): instances, classes, functions and
# reductions as CPython pickles them; Pickler/Unpickler hooks; bad input.
import pickle, copyreg, functools, io

class Plain:
    pass

class WithState:
    def __init__(self, a):
        self.a = a
    def __getstate__(self):
        return {'a': self.a * 2}
    def __setstate__(self, st):
        self.a = st['a'] + 1

class Slotted:
    __slots__ = ('x', '__y')
    def __init__(self):
        self.x = 1

class NewArgs:
    def __new__(cls, v):
        o = object.__new__(cls)
        o.v = v
        return o
    def __getnewargs__(self):
        return (self.v,)

class NewArgsEx:
    def __new__(cls, v, *, k):
        o = object.__new__(cls)
        o.v = v; o.k = k
        return o
    def __getnewargs_ex__(self):
        return (self.v,), {'k': self.k}

class Red:
    def __init__(self, v):
        self.v = v
    def __reduce__(self):
        return (Red, (self.v,))

class RedEx:
    def __reduce_ex__(self, proto):
        return (RedEx, (), {'proto': proto})

class MyList(list):
    pass

class MyDict(dict):
    pass

class MyInt(int):
    pass

class MyTuple(tuple):
    pass

class MyStr(str):
    pass

class Outer:
    class Inner:
        pass

def func(x):
    return x + 1

def show(tag, obj, protos=(0, 2, 4)):
    for p in protos:
        try:
            d = pickle.dumps(obj, p)
        except Exception as e:
            print(tag, p, 'ERR', type(e).__name__, e)
            continue
        print(tag, p, d)
        r = pickle.loads(d)
        print('  ->', type(r).__name__, sorted(k for k in vars(r)) if hasattr(r, '__dict__') and not isinstance(r, type) and not callable(r) else '')

p = Plain(); p.a = 1; p.b = [1, 2]
show('plain', p)
show('plain-empty', Plain())
show('state', WithState(5))
s = Slotted()
show('slots', s, [0])
print(pickle.dumps(s, 2), pickle.dumps(s))
r = pickle.loads(pickle.dumps(s)); print(r.x, hasattr(r, '_Slotted__y'))
show('newargs', NewArgs(3))
show('newargsex', NewArgsEx(3, k=4))
show('reduce', Red(7))
show('reduce_ex', RedEx())
ml = MyList([1, 2]); ml.tag = 't'
show('mylist', ml)
md = MyDict(a=1)
show('mydict', md)
show('myint', MyInt(5))
show('mytuple', MyTuple((1, 2)))
show('mystr', MyStr('hi'))
show('class', Plain)
show('nested', Outer.Inner)
show('func', func)
show('partial', functools.partial(func, 1))
pp = functools.partial(max, 1, key=abs)
show('partial-kw', pp)
print(pickle.loads(pickle.dumps(pp))(-3, 2))
pp.attr = 5
show('partial-attr', pp, [4])
print(pickle.loads(pickle.dumps(pp)).attr)
show('builtins', [len, max, abs, isinstance, ValueError, KeyError('k')])
inst = Plain(); inst.me = inst
show('rec-inst', inst, [2, 4])
print(pickle.loads(pickle.dumps(inst)).me.me.__class__.__name__)

# errors
def local():
    def inner(): pass
    return inner
for bad in [local(), lambda: 0]:
    try:
        pickle.dumps(bad)
    except Exception as e:
        print(type(e).__name__, str(e).split('>: ')[-1])
class Hidden:
    pass
H = Hidden
class Hidden:
    pass
try:
    pickle.dumps(H)
except pickle.PicklingError as e:
    print('PicklingError', e)
for obj in [(x for x in ()), io]:
    try:
        pickle.dumps(obj)
    except Exception as e:
        print(type(e).__name__, e)
class BadRed:
    def __reduce__(self): return 5
class BadRed2:
    def __reduce__(self): return (1,)
class BadRed3:
    def __reduce__(self): return (len, [1])
class BadRed4:
    def __reduce__(self): return (5, ())
for c in (BadRed, BadRed2, BadRed3, BadRed4):
    try:
        pickle.dumps(c())
    except Exception as e:
        print(type(e).__name__, e)

# dispatch table, persistent id
class Point:
    def __init__(self, x): self.x = x
def reduce_point(p): return (Point, (p.x * 10,))
copyreg.pickle(Point, reduce_point)
print(pickle.dumps(Point(2)), pickle.loads(pickle.dumps(Point(2))).x)
del copyreg.dispatch_table[Point]

class PP(pickle.Pickler):
    def persistent_id(self, obj):
        return 'P' + str(obj.x) if isinstance(obj, Point) else None
class UU(pickle.Unpickler):
    def persistent_load(self, pid):
        return 'loaded ' + pid
for proto in (0, 2, 4):
    f = io.BytesIO()
    PP(f, proto).dump([Point(1), 2])
    print(f.getvalue(), UU(io.BytesIO(f.getvalue())).load())

class DT(pickle.Pickler):
    dispatch_table = {Point: lambda p: (str, ('pt%d' % p.x,))}
f = io.BytesIO(); DT(f).dump(Point(3)); print(f.getvalue(), pickle.loads(f.getvalue()))

class RO(pickle.Pickler):
    def reducer_override(self, obj):
        if obj == 42:
            return (int, ('43',))
        return NotImplemented
f = io.BytesIO(); RO(f, 4).dump([Point(3).__class__, 'x']); print(f.getvalue())

# dump/load on files, several in a row
f = io.BytesIO()
pickle.dump({'a': 1}, f)
pickle.dump([2, 3], f, protocol=0)
f.seek(0)
print(pickle.load(f), pickle.load(f))
try:
    pickle.load(f)
except EOFError as e:
    print('EOFError', e)
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
try:
    pickle.dumps(1, 6)
except ValueError as e:
    print('ValueError', e)

# CPython pickles of other shapes, loaded
for data in [b'(lp0\nI1\naI2\na.', b'(dp0\nS\'a\'\np1\nI1\ns.', b'(S"x\\n\\x41\\101"\np0\ntp1\n.',
             b"\x80\x02c__builtin__\nxrange\nq\x00K\x01K\x05K\x01\x87q\x01Rq\x02.",
             b'(i__main__\nPlain\np0\n(dp1\nS\'z\'\np2\nI3\nsb.', b'\x80\x02U\x03abcq\x00.', b'T\x02\x00\x00\x00hi.',
             b'\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00\x8c\x07a\\b\n\x00\r\x1a\x94.', b'Va\\u005cb\\u000a\\u20ac\\U0001f600\np0\n.',
             b'(c__main__\nPlain\nq\x00o}q\x01X\x01\x00\x00\x00kK\x01sb.']:
    r = pickle.loads(data)
    print(type(r).__name__, r if not isinstance(r, Plain) else vars(r))
print(pickle.loads(b'S\'\\xe9\'\n.', encoding='latin1'), pickle.loads(b'U\x01\xe9.', encoding='bytes'))

for data in [b'', b'\x80\x04N', b'xyz', b'(', b'0.', b'h\x05.', b'\x80\x09N.', b'K', b'X\x05\x00\x00\x00ab', b'1.', b'a.',
             b'\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00N.', b'S"abc\n.', b'\x93.', b'c__builtin__\nnope\n.',
             b'R.', b'\xff', b'\x8c\x03abc\x8c\x01x\x93.', b'j\x01\x00\x00\x00.', b'N)R.']:
    try:
        print(repr(pickle.loads(data)))
    except Exception as e:
        print(data, type(e).__name__, str(e).split(' on <')[0])
try:
    pickle.loads('abc')
except TypeError as e:
    print('TypeError', e)
