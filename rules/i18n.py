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


def size_text(n: int) -> Text:
    """A size as people read it: "31,4 MB" in Bahasa Indonesia (decimal comma), "31.4 MB" in English."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            en = f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
            return Text(en.replace(".", ","), en)
    return Text(f"{n} bita", f"{n} bytes")
