"""_thread: what single-threaded code asks of it. hpymove runs one thread, the main one,
so its identity is fixed for the life of the process (as CPython's main thread's is)."""

import os as _os

__all__ = ["get_ident", "get_native_id", "error"]

error = RuntimeError

# The main thread's native id on Linux is the process id; get_ident is a distinct,
# stable, positive number, as CPython's pthread-based one is.
_MAIN_NATIVE_ID = _os.getpid()
_MAIN_IDENT = (_MAIN_NATIVE_ID << 16) | 0x1


def get_ident():
    """A non-zero integer naming the calling thread (always the main one here)."""
    return _MAIN_IDENT


def get_native_id():
    """The operating system's id of the calling thread (the process id for the main one)."""
    return _MAIN_NATIVE_ID
