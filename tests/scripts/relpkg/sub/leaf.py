from ..base import NAME
from .. import base
from . import sibling
from .sibling import WHO

HERE = __name__
