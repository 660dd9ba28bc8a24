# More of the builtin types: str search with bounds, case tests, list/dict/tuple
# methods, numeric conversions and arithmetic corner cases.
print('abc'.startswith(('x', 'a')), 'abc'.endswith(('c',)), 'x y z'.split(maxsplit=1), 'xxaxx'.strip('x'), '-'.join(str(i) for i in range(3)))
print('abcabc'.find('c', 3), 'abcabc'.count('b', 2), 'abc'.isascii(), 'Ab Cd'.istitle(), 'ab\t'.isprintable())
print([3, 1, 2].sort() is None, sorted({3: 1, 1: 2}), list({1: 2}), (1, 2, 3).index(2), [1, 2, 1].count(1))
l = [1, 2, 3]; l.insert(0, 0); l.extend((4, 5)); l.remove(3); print(l, l.pop(0), l[::-1], l * 2, 2 in l)
d = {'a': 1}; d.update(b=2); print(d.get('z', 0), d.setdefault('c', 3), d.pop('a'), d, len(d))
print((3.7).__round__() if hasattr(3.7, '__round__') else 4, int('42'), float('1.5'), int('ff', 16), str(1.0), str(10**20), 1e300 * 1e10)
print(abs(-0.0), 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 10 / 4, True + True, divmod(-7, 2))
print('%.3s|%5.1f%%' % ('abcdef', 99.44), '{:,.2f}'.format(1234567.891), f'{12345.6789:,.1f}', f'{0.000123:.2e}')
print('a' < 'b', [1, 2] < [1, 3], (1, 'a') < (1, 'b'), 'abc'[-1], 'abc'[:-1], bytes(b'ab') + b'c')
