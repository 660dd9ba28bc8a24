# What hpymove's pytest does for raises(match=...): re.search on the patterns test suites
# write, with CPython's answers.
import re as r

CASES = [
    ("Test error", "RuntimeError: Test error here"),
    (r"^HPyModuleDef defines a HPy_mod_create slot.*", "HPyModuleDef defines a HPy_mod_create slot and ..."),
    (r"^HPyModuleDef defines", "x HPyModuleDef defines"),
    ("HPy does not permit HPyModuleDef.size < 0", "HPy does not permit HPyModuleDef.size < 0"),
    (r"Formatted 'error message' and 42", "Formatted 'error message' and 42"),
    (r"got a non-ASCII byte: 0xc3", "expected an ASCII-encoded format string, got a non-ASCII byte: 0xc3"),
    (r"\d+ items?", "found 12 items"),
    (r"\d+ items?$", "found 1 item\n"),
    (r"^a|b$", "xxb"),
    (r"(foo|bar)+baz", "xxfoobarbazz"),
    (r"colou?r", "the color red"),
    (r"[A-Z][a-z]+Error", "raised ValueError: x"),
    (r"[^a-z ]+", "abc DEF ghi"),
    (r"a{2,3}", "caaaat"),
    (r"a{2}b", "aab ab"),
    (r"x.*?y", "axbyby"),
    (r"\w+\s\w+", "hello   big world"),
    (r"\bint\b", "an integer or int value"),
    (r"'\w+' object", "'Point' object has no attribute"),
    (r"\(\)", "call()"),
    (r"no match here", "something else"),
    (r"^$", ""),
    (r"[\d.]+", "version 3.11.7"),
]
for pattern, text in CASES:
    m = r.search(pattern, text)
    print(repr(pattern), "->", None if m is None else (m.group(0), m.start(), m.end()))
