"""The ``contactcenter`` command and the demo: the product run on the local cloud."""
