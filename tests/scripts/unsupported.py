# compare: exception type
# Generator functions are not supported: a clear SyntaxError naming the construct.
print("never printed: the whole file is refused before it runs")
def numbers():
    yield 1
