"""The national systems an application may name in ``x-spbe.integrasi[].sistem``.

The list is package data (``national_systems.json``): each system's code, name, owner agency and
source (the agency's official site). A code is matched case-insensitively, and so are its aliases
(``DUKCAPIL`` is ``SIAK``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import orjson


@dataclass(frozen=True, slots=True)
class NationalSystem:
    kode: str
    nama: str
    pemilik: str
    sumber: str
    alias: tuple[str, ...] = ()


@cache
def national_systems() -> tuple[NationalSystem, ...]:
    raw = orjson.loads(resources.files("rules").joinpath("national_systems.json").read_bytes())
    return tuple(
        NationalSystem(s["kode"], s["nama"], s["pemilik"], s["sumber"], tuple(s.get("alias", ())))
        for s in raw["systems"]
    )


@cache
def _by_code() -> dict[str, NationalSystem]:
    out: dict[str, NationalSystem] = {}
    for system in national_systems():
        for code in (system.kode, *system.alias):
            out[code.upper()] = system
    return out


def find_system(code: str) -> NationalSystem | None:
    """The system a code (or an alias) names, whatever its case."""
    return _by_code().get(code.strip().upper())
