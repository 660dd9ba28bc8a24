# _thread's identity functions (what single-threaded code asks of it): a stable positive
# identity, the main thread's native id (the process id on Linux).
import os
import _thread

a = _thread.get_ident()
print(type(a).__name__, a > 0, a == _thread.get_ident())
print(_thread.get_native_id() == os.getpid(), _thread.error is RuntimeError)
