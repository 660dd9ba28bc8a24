# An uncaught exception: traceback on stderr, exit status 1.
def divide(a, b):
    return a / b

def compute():
    return divide(1, 0)

print("before")
compute()
print("not reached")
