"""The contact center's shared domain package, deployed as a Lambda layer."""

__version__ = "0.1.0"
