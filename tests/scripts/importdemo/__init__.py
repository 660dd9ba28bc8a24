# A package for import_table.py.
from . import plain

LOADED = plain.VALUE + 1
