"""Bilingual text: Bahasa Indonesia first, English second."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of user-facing text in both languages."""

    id: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.id

    def format(self, lang: Lang, /, **params: Any) -> str:
        template = self.get(lang)
        if not params:
            return template
        try:
            return template.format_map(params)
        except KeyError:
            return template.format_map(_Lenient(params))

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "en": self.en}


class _Lenient(dict[str, Any]):
    """Leaves an unknown placeholder visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_UNITS = ("KB", "MB", "GB", "TB")


def format_size(n: int, lang: Lang, *, exact: bool = False) -> str:
    """A size in bytes as people read it: "31,4 MB" in Indonesian, "31.4 MB" in English.

    Units are 1024-based, as the limits are set (20 MB = 20 × 1024 × 1024 bytes), with one decimal
    where it matters; below 1 KB, or when ``exact``, the count of bytes grouped the language's way
    ("20.971.521 bita" / "20,971,521 bytes").
    """
    if n < 1024 or exact:
        grouped = f"{n:,}".replace(",", ".") if lang == "id" else f"{n:,}"
        return f"{grouped} {'bita' if lang == 'id' else ('byte' if n == 1 else 'bytes')}"
    value = float(n)
    unit = _UNITS[0]
    for unit in _UNITS:
        value /= 1024
        if round(value, 1) < 1024 or unit == _UNITS[-1]:
            break
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text.replace('.', ',') if lang == 'id' else text} {unit}"


def sizes_text(size: int, limit: int) -> tuple[Text, Text]:
    """A size and the limit it exceeds, in both languages; exact when the rounded forms would be
    equal (20 MB and one byte is not "20 MB over the limit of 20 MB")."""
    exact = format_size(size, "en") == format_size(limit, "en")
    return (
        Text(format_size(size, "id", exact=exact), format_size(size, "en", exact=exact)),
        Text(format_size(limit, "id", exact=exact), format_size(limit, "en", exact=exact)),
    )
