# doctest: testmod on a module of functions and classes with passing, failing, skipped
# and exception examples, directives, the report format and TestResults.
import doctest
import io
import os
import sys

import doctested


def run(**kwargs):
    # The report names the module's file: its base name only (the path differs by host).
    real = sys.stdout
    sys.stdout = io.StringIO()
    try:
        result = doctest.testmod(doctested, **kwargs)
    finally:
        report = sys.stdout.getvalue()
        sys.stdout = real
    print(report.replace(os.path.dirname(doctested.__file__) + os.sep, "").replace("./", ""))
    print(result, result.failed, result.attempted)


run()
run(report=False, optionflags=doctest.ELLIPSIS)
parser = doctest.DocTestParser()
examples = parser.get_examples(">>> a = 1\n>>> a +\\\n... 1\n2\n")
print(len(examples), [e.source for e in examples], [e.want for e in examples])
