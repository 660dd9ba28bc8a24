from . import other
from .. import helper
from ..helper import X
print("run", __name__, __package__, __spec__.name, other.Y, X)
