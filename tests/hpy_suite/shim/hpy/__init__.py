"""hpymove's stand-in for the `hpy` package, for HPy's test suite run on hpymove (the real
package is CPython's: hpy.universal is a CPython extension). Only what the suite's test
files import: `hpy.universal.load` and the ABI version constants."""
