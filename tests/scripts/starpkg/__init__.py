# `from .x import *` in a package's __init__ (how toolz builds its namespace).
from .listed import *
from .public import *
