# compare: exception type
# Classes arrive with a later issue: until then, a clear SyntaxError naming the construct.
print("never printed: the whole file is refused before it runs")
class Point:
    pass
