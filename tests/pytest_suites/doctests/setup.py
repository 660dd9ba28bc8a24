"""Not collected: a setup.py that uses setuptools never is.

>>> 1 + 1
3
"""
from setuptools import setup

if __name__ == "__main__":
    setup(name="shapes", packages=["shapes"])
