"""Child processes (hpymove's own `subprocess`, over the native `_subprocess`, which runs
them with Rust's std::process): `run`, `call`, `check_call`, `check_output`,
`getoutput`, `getstatusoutput`, `Popen`, `CompletedProcess`, and the errors
`SubprocessError`, `CalledProcessError`, `TimeoutExpired`, with CPython 3.11's behaviour
on POSIX.

Differences: hpymove's files opened with `open()` live in memory and have no file
descriptor, so a child's output sent to such a file goes through a pipe and is written
into it when the child is waited for (and such a file given as stdin is passed as
input); `preexec_fn`, `user`, `group`, `extra_groups`, `umask`, `pass_fds`,
`start_new_session`, `process_group` and `close_fds=False` are refused with
NotImplementedError; `Popen.stdin/stdout/stderr` have no `fileno()`.
"""

import os
import sys

import _subprocess

__all__ = ["Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput", "getoutput",
           "check_output", "run", "CalledProcessError", "DEVNULL", "SubprocessError",
           "TimeoutExpired", "CompletedProcess"]

PIPE = -1
STDOUT = -2
DEVNULL = -3

# Signal names for messages ("died with <Signals.SIGKILL: 9>.").
_SIGNALS = {1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT",
            7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV",
            12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM"}
_SIGTERM = 15
_SIGKILL = 9


class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    """A process run by check_call(), check_output() or run(check=True) exited with a
    non-zero status."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            name = _SIGNALS.get(-self.returncode)
            if name is None:
                return "Command '%s' died with unknown signal %d." % (self.cmd,
                                                                      -self.returncode)
            return "Command '%s' died with <Signals.%s: %d>." % (self.cmd, name,
                                                                  -self.returncode)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, self.returncode)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class TimeoutExpired(SubprocessError):
    """The timeout passed while waiting for a child process."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class CompletedProcess:
    """What run() returns: args, returncode, stdout and stderr (None when not captured)."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        parts = ["args=%r" % (self.args,), "returncode=%r" % (self.returncode,)]
        if self.stdout is not None:
            parts.append("stdout=%r" % (self.stdout,))
        if self.stderr is not None:
            parts.append("stderr=%r" % (self.stderr,))
        return "CompletedProcess(%s)" % ", ".join(parts)

    def check_returncode(self):
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


def _text(s):
    if isinstance(s, bytes):
        return s.decode("utf-8", "surrogateescape")
    return os.fspath(s) if not isinstance(s, str) else s


def _translate_newlines(s):
    return s.replace("\r\n", "\n").replace("\r", "\n")


class _Pipe:
    """The parent's end of one of the child's standard streams (Popen.stdin, .stdout,
    .stderr): binary, or text with universal newlines."""

    def __init__(self, proc, which, text, encoding, errors):
        self._proc = proc
        self._which = which
        self._text = text
        self._encoding = encoding
        self._errors = errors
        self.closed = False
        self.mode = ("w" if which == 0 else "r") + ("" if text else "b")

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def _decode(self, data):
        return _translate_newlines(data.decode(self._encoding, self._errors))

    def readable(self):
        return self._which != 0

    def writable(self):
        return self._which == 0

    def read(self, size=-1):
        self._check()
        if size is None:
            size = -1
        data = _subprocess.read(self._proc._id, self._which, int(size))
        if not self._text:
            return data
        # Complete a multi-byte character cut at the end.
        for _ in range(3):
            try:
                return self._decode(data)
            except UnicodeDecodeError:
                more = _subprocess.read(self._proc._id, self._which, 1)
                if not more:
                    break
                data += more
        return self._decode(data)

    def readline(self, size=-1):
        self._check()
        data = _subprocess.readline(self._proc._id, self._which)
        return self._decode(data) if self._text else data

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data):
        self._check()
        if self._text:
            if not isinstance(data, str):
                raise TypeError("write() argument must be str, not %s" % type(data).__name__)
            n = len(data)
            _subprocess.write(self._proc._id, data.encode(self._encoding, self._errors))
            return n
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(data).__name__)
        return _subprocess.write(self._proc._id, bytes(data))

    def flush(self):
        self._check()

    def fileno(self):
        raise OSError("hpymove's pipe ends have no file descriptor")

    def close(self):
        if not self.closed:
            self.closed = True
            _subprocess.close(self._proc._id, self._which)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "<_io.%s name=%s>" % ("TextIOWrapper" if self._text else
                                     ("BufferedWriter" if self._which == 0 else
                                      "BufferedReader"), self._which)


_REFUSED = ("preexec_fn", "user", "group", "extra_groups", "umask", "pass_fds",
            "start_new_session", "process_group")


def _fd_of(f):
    """The file descriptor of a file object, or None when it has none (hpymove's
    in-memory files)."""
    fileno = getattr(f, "fileno", None)
    if isinstance(fileno, int):
        return fileno  # hpymove's sys.stdout / sys.stderr
    if fileno is None:
        raise TypeError("bad stream for a child process: %r" % (f,))
    try:
        return int(fileno())
    except (OSError, ValueError):
        return None


class Popen:
    """A child process: Popen(args, ...) starts it; communicate(), wait(), poll(),
    send_signal(), terminate(), kill(); a context manager that waits for it on exit."""

    def __init__(self, args, bufsize=-1, executable=None, stdin=None, stdout=None,
                 stderr=None, preexec_fn=None, close_fds=True, shell=False, cwd=None,
                 env=None, universal_newlines=None, startupinfo=None, creationflags=0,
                 restore_signals=True, start_new_session=False, pass_fds=(), *,
                 user=None, group=None, extra_groups=None, encoding=None, errors=None,
                 text=None, umask=-1, pipesize=-1, process_group=None):
        self._id = None
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None
        given = {"preexec_fn": preexec_fn, "user": user, "group": group,
                 "extra_groups": extra_groups, "umask": umask != -1,
                 "pass_fds": bool(pass_fds), "start_new_session": start_new_session,
                 "process_group": process_group}
        for name in _REFUSED:
            if given[name] not in (None, False):
                raise NotImplementedError("subprocess.Popen(%s=...) is not supported on "
                                          "hpymove" % name)
        if not close_fds:
            raise NotImplementedError("subprocess.Popen(close_fds=False) is not supported "
                                      "on hpymove")
        if text is not None and universal_newlines is not None and \
                bool(universal_newlines) != bool(text):
            raise SubprocessError("Cannot disambiguate when both text and "
                                  "universal_newlines are supplied but different. Pass "
                                  "one or the other.")
        self.text_mode = bool(encoding or errors or text or universal_newlines)
        self.universal_newlines = self.text_mode
        self.encoding = encoding
        self.errors = errors
        self._encoding = encoding or "utf-8"
        self._errors = errors or "strict"
        self.args = args
        if isinstance(args, (str, bytes)):
            argv = [_text(args)]
        elif hasattr(args, "__fspath__"):
            argv = [_text(os.fspath(args))]
        else:
            argv = [_text(a) for a in args]
        if shell:
            argv = [_text(executable) if executable else "/bin/sh", "-c"] + argv
            executable = None
        self._input_from = None   # an in-memory file given as stdin: its content
        self._output_to = {}      # stream (1, 2) -> an in-memory file to write it to
        codes = [self._code(0, stdin), self._code(1, stdout), self._code(2, stderr)]
        envlist = None
        if env is not None:
            envlist = ["%s=%s" % (_text(k), _text(v)) for k, v in env.items()]
        self._id, self.pid = _subprocess.spawn(
            argv, None if executable is None else _text(executable),
            None if cwd is None else _text(cwd), envlist, codes[0], codes[1], codes[2])
        self._communication_started = False
        if stdin == PIPE:
            self.stdin = _Pipe(self, 0, self.text_mode, self._encoding, self._errors)
        if stdout == PIPE:
            self.stdout = _Pipe(self, 1, self.text_mode, self._encoding, self._errors)
        if stderr == PIPE:
            self.stderr = _Pipe(self, 2, self.text_mode, self._encoding, self._errors)
        if self._input_from is not None:
            # The content of an in-memory file given as stdin.
            _subprocess.write(self._id, self._input_from)
            _subprocess.close(self._id, 0)

    def _code(self, which, f):
        if f is None:
            return _subprocess.INHERIT
        if f == PIPE:
            return _subprocess.PIPE
        if f == DEVNULL:
            return _subprocess.DEVNULL
        if f == STDOUT:
            if which != 2:
                raise ValueError("STDOUT can only be used for stderr")
            return _subprocess.STDOUT
        if isinstance(f, int):
            if f < 0:
                raise ValueError("bad file descriptor %d" % f)
            return f
        fd = _fd_of(f)
        if fd is not None:
            return fd
        if which == 0:
            data = f.read()
            self._input_from = data.encode("utf-8") if isinstance(data, str) else data
        else:
            self._output_to[which] = f
        return _subprocess.PIPE

    def __repr__(self):
        return "<Popen: returncode: %s args: %r>" % (self.returncode, self.args)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.stdout:
            self.stdout.close()
        if self.stderr:
            self.stderr.close()
        try:
            if self.stdin:
                self.stdin.close()
        finally:
            self.wait()

    def _decode(self, data):
        if data is None or not self.text_mode:
            return data
        return _translate_newlines(data.decode(self._encoding, self._errors))

    def _finish(self, status):
        """The child was reaped: its status, and the table entry released."""
        if self.returncode is None:
            self.returncode = status
        return self.returncode

    def _drain_redirects(self, timeout):
        """Collects the output meant for in-memory files and writes it there."""
        if not self._output_to or self._communication_started:
            return True
        out, err, done = _subprocess.communicate(self._id, None, timeout)
        if not done:
            return False
        self._communication_started = True
        for which, data in ((1, out), (2, err)):
            f = self._output_to.get(which)
            if f is not None and data is not None:
                if "b" in getattr(f, "mode", "b"):
                    f.write(data)
                else:
                    f.write(_translate_newlines(data.decode("utf-8", "strict")))
        return True

    def communicate(self, input=None, timeout=None):
        """Sends input (if any) to the child's stdin, reads its stdout and stderr to the
        end and waits for it: (stdout, stderr), None for a stream that is not a pipe."""
        if self._communication_started and input:
            raise ValueError("Cannot send input after starting communication")
        if input is not None and self.stdin is not None:
            if self.text_mode:
                if not isinstance(input, str):
                    raise TypeError("input must be str in text mode, not %s"
                                    % type(input).__name__)
                input = input.encode(self._encoding, self._errors)
            elif not isinstance(input, (bytes, bytearray)):
                raise TypeError("memoryview: a bytes-like object is required, not '%s'"
                                % type(input).__name__)
            else:
                input = bytes(input)
        else:
            input = None
        if self.stdin is not None:
            self.stdin.closed = True
        for p in (self.stdout, self.stderr):
            if p is not None and p.closed:
                raise ValueError("I/O operation on closed file.")
        started = self._communication_started
        self._communication_started = True
        if self.returncode is not None and started:
            return (None, None)
        out, err, done = _subprocess.communicate(
            self._id, input, None if timeout is None else float(timeout))
        if not done:
            # With what was read so far (bytes, None for nothing), as CPython does.
            raise TimeoutExpired(self.args, timeout, output=out, stderr=err)
        for which, data in ((1, out), (2, err)):
            f = self._output_to.get(which)
            if f is not None and data is not None:
                if "b" in getattr(f, "mode", "b"):
                    f.write(data)
                else:
                    f.write(_translate_newlines(data.decode("utf-8", "strict")))
        if self.stdout is not None:
            self.stdout.closed = True
        else:
            out = None
        if self.stderr is not None:
            self.stderr.closed = True
        else:
            err = None
        self._finish(_subprocess.poll(self._id))
        return (self._decode(out), self._decode(err))

    def poll(self):
        """The return code if the child has exited (None while it runs)."""
        if self.returncode is None:
            if self._output_to and not self._drain_redirects(0.0):
                return None
            status = _subprocess.poll(self._id)
            if status is not None:
                self._finish(status)
        return self.returncode

    def wait(self, timeout=None):
        """Waits for the child to exit (TimeoutExpired after timeout seconds)."""
        if self.returncode is not None:
            return self.returncode
        t = None if timeout is None else float(timeout)
        if self._output_to and not self._drain_redirects(t):
            raise TimeoutExpired(self.args, timeout)
        status = _subprocess.wait(self._id, t)
        if status is None:
            raise TimeoutExpired(self.args, timeout)
        return self._finish(status)

    def send_signal(self, sig):
        """Sends signal sig to the child (nothing once it has been waited for)."""
        if self.returncode is None:
            _subprocess.send_signal(self._id, int(sig))

    def terminate(self):
        self.send_signal(_SIGTERM)

    def kill(self):
        self.send_signal(_SIGKILL)

    def __del__(self):
        # A child never waited for is reaped when its Popen goes (no zombie is left).
        if getattr(self, "_id", None) is not None and self.returncode is not None:
            _subprocess.release(self._id)
            self._id = None


def run(*popenargs, input=None, capture_output=False, timeout=None, check=False,
        **kwargs):
    """Runs a command and waits for it: a CompletedProcess (CalledProcessError with
    check=True and a non-zero status; TimeoutExpired after killing it on timeout)."""
    if input is not None:
        if kwargs.get("stdin") is not None:
            raise ValueError("stdin and input arguments may not both be used.")
        kwargs["stdin"] = PIPE
    if capture_output:
        if kwargs.get("stdout") is not None or kwargs.get("stderr") is not None:
            raise ValueError("stdout and stderr arguments may not be used with "
                             "capture_output.")
        kwargs["stdout"] = PIPE
        kwargs["stderr"] = PIPE
    with Popen(*popenargs, **kwargs) as process:
        try:
            stdout, stderr = process.communicate(input, timeout=timeout)
        except TimeoutExpired as exc:
            process.kill()
            # The exception holds the output read before the timeout (CPython on POSIX).
            process.wait()
            raise
        except BaseException:
            process.kill()
            raise
        retcode = process.poll()
        if check and retcode:
            raise CalledProcessError(retcode, process.args, output=stdout, stderr=stderr)
    return CompletedProcess(process.args, retcode, stdout, stderr)


def call(*popenargs, timeout=None, **kwargs):
    """Runs a command, waits for it, returns its status."""
    with Popen(*popenargs, **kwargs) as p:
        try:
            return p.wait(timeout=timeout)
        except BaseException:
            p.kill()
            raise


def check_call(*popenargs, **kwargs):
    """call(), raising CalledProcessError for a non-zero status; else 0."""
    retcode = call(*popenargs, **kwargs)
    if retcode:
        cmd = kwargs.get("args")
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(retcode, cmd)
    return 0


def check_output(*popenargs, timeout=None, **kwargs):
    """The command's output (CalledProcessError for a non-zero status)."""
    if "stdout" in kwargs:
        raise ValueError("stdout argument not allowed, it will be overridden.")
    if "input" in kwargs and kwargs["input"] is None:
        text = kwargs.get("universal_newlines") or kwargs.get("text") or \
            kwargs.get("encoding") or kwargs.get("errors")
        kwargs["input"] = "" if text else b""
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True, **kwargs).stdout


def getstatusoutput(cmd):
    """(status, output) of a shell command, stderr included, the last newline removed."""
    try:
        data = check_output(cmd, shell=True, text=True, stderr=STDOUT)
        exitcode = 0
    except CalledProcessError as ex:
        data = ex.output
        exitcode = ex.returncode
    if data[-1:] == "\n":
        data = data[:-1]
    return exitcode, data


def getoutput(cmd):
    """The output of a shell command, stderr included, the last newline removed."""
    return getstatusoutput(cmd)[1]
