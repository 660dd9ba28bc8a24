# An extension that fails to import: the error is the reference host's (hpy.universal's
# exception type and words), and the script carries on.
import sys
bad = sys.path[1] + "/bad"
sys.path = [bad] + sys.path


def attempt(label):
    try:
        if label == "major":
            import major_version_1
        elif label == "minor":
            import minor_version_future
        elif label == "slot":
            import invalid_module_slot
        elif label == "create":
            import create_and_methods
        elif label == "null":
            import init_returns_null
        elif label == "dlopen":
            import unresolved_symbol
        elif label == "notelf":
            import notelf
        elif label == "exec":
            import exec_raises
        print(label, "loaded")
    except Exception as e:
        text = str(e).replace(bad, "<bad>")
        if label in ("create", "notelf"):
            # The rest (the why, the system's words) is hpymove's own.
            text = text.split(". ")[0]
        print(label, type(e).__name__ + ":", text)


for label in ["major", "minor", "slot", "create", "null", "dlopen", "notelf", "exec"]:
    attempt(label)
print("the script carries on")
