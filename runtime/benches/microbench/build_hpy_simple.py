# Builds HPy's microbenchmark extension (microbench/src/hpy_simple.c of the hpy 0.9.0 sdist)
# in universal mode, the way an author builds an extension: setuptools with hpy.devel.
# Usage: python build_hpy_simple.py SDIST_DIR OUT_DIR   (prints the .hpy0.so path)
import os
import shutil
import sys
import tempfile

from setuptools import Extension, setup

sdist, out = sys.argv[1], os.path.abspath(sys.argv[2])
src = os.path.join(sdist, "microbench", "src", "hpy_simple.c")
with tempfile.TemporaryDirectory() as tmp:
    # distutils names object files after the source path: compile a copy in the build dir.
    shutil.copy(src, os.path.join(tmp, "hpy_simple.c"))
    src = "hpy_simple.c"
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        setup(
            name="hpy_simple",
            hpy_ext_modules=[Extension("hpy_simple", [src], extra_compile_args=["-O2", "-g"])],
            script_args=["-q", "--hpy-abi=universal", "build_ext", "--inplace",
                         "--build-temp", os.path.join(tmp, "build")],
        )
    finally:
        os.chdir(cwd)
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(tmp, "hpy_simple.hpy0.so"), out)
print(os.path.join(out, "hpy_simple.hpy0.so"))
