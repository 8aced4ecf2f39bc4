"""Helpers shared by the sustainability rules."""

from __future__ import annotations

from rules import pointer as jp

XSPBE = "/info/x-spbe"


def at(*parts: str | int) -> str:
    return jp.join(XSPBE, *parts)
