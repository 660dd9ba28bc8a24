from .base import NAME
from . import base as base_module
