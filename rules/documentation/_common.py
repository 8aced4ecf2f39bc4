"""Helpers shared by the documentation rules."""

from __future__ import annotations

from typing import Any


def described(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
