# -*- coding: latin-1 -*-
"""Café module."""
s = "café £ÿ"
