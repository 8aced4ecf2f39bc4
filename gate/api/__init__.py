"""The JSON API (``/api/v1``): thin routes over ``gate/services``."""
