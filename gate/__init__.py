"""SPBE Gate: the command line and (later) the service, built on the engine in ``rules``."""

from rules import __version__

__all__ = ["__version__"]
