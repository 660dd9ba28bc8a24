# compare: exception type
# Async functions are not supported: a clear SyntaxError naming the construct.
print("never printed: the whole file is refused before it runs")
async def numbers():
    return 1
