"""Helpers shared by the documentation rules: the same notion of "described" as the coverage metric."""

from rules.metrics import described, properties_described, property_described

__all__ = ["described", "properties_described", "property_described"]
