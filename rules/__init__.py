"""The assessment engine: reading OpenAPI documents, the SPBE rulebook, scoring.

Runs without a database or a web server; ``gate`` (CLI, service) and ``reports`` build on it.
"""

__version__ = "0.1.0"
