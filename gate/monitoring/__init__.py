"""Watching catalogued deployments between evaluations: the probe of one round (network only)."""
