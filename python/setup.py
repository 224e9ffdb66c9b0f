# A wheel that carries the mizan binary (make wheel) is a platform wheel, not a pure one.
import os
from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    def has_ext_modules(self):
        return os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mizan", "bin", "mizan"))


setup(distclass=BinaryDistribution)
