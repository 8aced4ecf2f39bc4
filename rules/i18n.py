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
