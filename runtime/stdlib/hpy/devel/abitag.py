"""The HPy ABI version hpymove implements, and the file-name suffix of its modules."""

HPY_ABI_VERSION = 0
HPY_ABI_VERSION_MINOR = 0
HPY_ABI_TAG = "hpy%d" % HPY_ABI_VERSION


def get_hpy_ext_suffix(hpy_abi, ext_suffix=None):
    if hpy_abi != "universal":
        raise ValueError("hpymove loads universal modules only, not %r" % (hpy_abi,))
    return "." + HPY_ABI_TAG + ".so"
