# re: scoped inline flags `(?s:...)`, `(?i-s:...)` and atomic groups `(?>...)` (3.11),
# which fnmatch.translate's patterns use.
import re

print(re.match(r"(?s:.*\.py)\Z", "a\nb.py"))
print(re.match(r".*\.py\Z", "a\nb.py"))
print(re.match(r"a(?i:b)c", "aBc"), re.match(r"a(?i:b)c", "aBC"))
print(re.match(r"(?i)a(?-i:b)c", "AbC"), re.match(r"(?i)a(?-i:b)c", "ABC"))
print(re.findall(r"(?m:^x)", "x\nx\ny"), re.findall(r"^x", "x\nx"))
print(re.match(r"(?x: a b )c", "abc"))
print(re.match(r"(?s:(?>.*?a)(?>.*?b.[^x]).*\.py)\Z", "zzaqqbcy.py"))
print(re.match(r"(?s:(?>.*?a)(?>.*?b.[^x]).*\.py)\Z", "zzaqqbcx.py"))
# An atomic group does not give back what it matched.
print(re.match(r"(?>a+)a", "aaa"), re.match(r"(?:a+)a", "aaa"))
print(re.match(r"(?>(a+))b", "aab").groups())
print(re.match(r"x(?>ab|a)c", "xac"), re.match(r"x(?>a|ab)c", "xabc"))
print(re.search(r"(?<=(?i:A))b", "ab"))
for bad in ["a(?i)b", "(?z:a)", "(?-:a)", "(?i-a:x)", "(?i", "(?iz:a)", "(?i--s:x)", "(?-i)x"]:
    try:
        re.compile(bad)
    except re.error as e:
        print("error:", e)
print(re.sub(r"(?i:HELLO)", "bye", "hello Hello"))
