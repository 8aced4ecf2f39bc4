"""Shared check of numeric identifiers written as strings of a fixed number of digits (NIK, NIP)."""

from __future__ import annotations

from typing import Any

from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import Facet, digits_pattern_lengths, facets

#: Words that turn a name about an identifier into something else: a count, a flag, a masked copy...
GUARD_WORDS = frozenset(
    {
        "hash",
        "hashed",
        "mask",
        "masked",
        "samaran",
        "tersamar",
        "sensor",
        "disensor",
        "valid",
        "validasi",
        "verifikasi",
        "terverifikasi",
        "verified",
        "status",
        "jumlah",
        "total",
        "count",
        "is",
        "has",
        "ada",
        "exists",
        "foto",
        "file",
        "berkas",
        "scan",
        "url",
        "dokumen",
        "token",
    }
)


def expand_arrays(doc: Document, shapes: list[Facet]) -> list[Facet]:
    """Arrays stand for their items: a list of NIKs is checked as an NIK."""
    out: list[Facet] = []
    for shape in shapes:
        if "array" in shape.types and shape.items is not None:
            out.extend(facets(doc, shape.items) or [shape])
        else:
            out.append(shape)
    return out


def fixed_digits(shape: Facet) -> int | None:
    """The exact number of digits a string shape allows, when its pattern and lengths pin one."""
    if shape.pattern is None:
        return None
    lengths = digits_pattern_lengths(shape.pattern)
    if lengths is None:
        return None
    low = max(lengths[0], shape.min_length or 0)
    highs = [h for h in (lengths[1], shape.max_length) if h is not None]
    if not highs:
        return None
    high = min(highs)
    return low if low == high else None


_NEUTRAL = frozenset({"object", "boolean", "array"})


def digits_problem(doc: Document, schema: Any, digits: int) -> Text | None:
    """Why the schema does not pin a string of exactly ``digits`` digits, or None when it does (or is no value)."""
    shapes = expand_arrays(doc, facets(doc, schema))
    if not shapes:
        return None  # unreadable: other rules report broken references
    if any(s.stringish and fixed_digits(s) == digits for s in shapes):
        return None
    relevant = [s for s in shapes if not (s.types and s.types <= _NEUTRAL)]
    if not relevant:
        return None  # an object or a flag about the identifier, not the identifier itself
    numeric = [s for s in relevant if s.numeric]
    if numeric:
        kind = "/".join(sorted(numeric[0].types & {"integer", "number"}))
        return Text(
            f"bertipe {kind}; nomor {digits} digit harus berupa string (melampaui bilangan bulat aman "
            "JavaScript, dan nol di depan akan hilang)",
            f"is typed {kind}; a number of {digits} digits must be a string (it exceeds JavaScript's "
            "safe integers, and leading zeros would be lost)",
        )
    strings = [s for s in relevant if s.stringish]
    if not strings:
        return Text(
            f"tidak menyatakan tipe string maupun pola {digits} digit",
            f"declares neither a string type nor a pattern of {digits} digits",
        )
    pattern = strings[0].pattern
    if pattern is None:
        return Text(
            f"berupa string tanpa pola {digits} digit (mis. `^[0-9]{{{digits}}}$`)",
            f"is a string without a pattern of {digits} digits (e.g. `^[0-9]{{{digits}}}$`)",
        )
    return Text(
        f"memakai pola '{pattern[:60]}' yang tidak membatasi nilainya tepat {digits} digit angka",
        f"uses the pattern '{pattern[:60]}', which does not restrict it to exactly {digits} digits",
    )
