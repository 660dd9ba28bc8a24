# A module that puts another object in its place in sys.modules while it runs.
import sys

sys.modules[__name__] = ("replacement", __name__)
