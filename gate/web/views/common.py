"""What every page's view model uses: dates, badges, options, links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from gate.models import (
    AssessmentRecord,
    State,
)
from gate.web.i18n import LABELS, STATES
from rules.i18n import Lang
from rules.result import LEVELS
from rules.sustainability.xspbe import CHOICE_LABELS


def when(at: datetime | None, lang: Lang) -> str:
    if at is None:
        return LABELS["never"].get(lang)
    return at.strftime("%Y-%m-%d %H:%M") + " UTC"


@dataclass(frozen=True, slots=True)
class Badge:
    """A coloured word: a state, a verdict, a level."""

    text: str
    tone: str  # ok | bad | wait | plain


def state_badge(state: State, lang: Lang) -> Badge:
    tone = {State.APPROVED: "ok", State.REJECTED: "bad", State.CHANGES_REQUESTED: "bad"}.get(state, "wait")
    return Badge(STATES[state].get(lang), tone)


def result_badges(record: AssessmentRecord | None, lang: Lang) -> tuple[Badge, Badge]:
    """(verdict, level) of an assessment, or 'not assessed'."""
    if record is None:
        return Badge(LABELS["not_assessed"].get(lang), "plain"), Badge("—", "plain")
    passed = record.verdict == "pass"
    verdict = Badge(LABELS["pass" if passed else "fail"].get(lang), "ok" if passed else "bad")
    level = Badge(f"{record.level} · {LEVELS[record.level].get(lang)}", "ok" if record.level >= 3 else "bad")
    return verdict, level


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    selected: bool = False


def page_link(base: str, params: Mapping[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{base}?{urlencode(kept)}" if kept else base


def choice_words(code: str, lang: Lang) -> str:
    """A metadata choice in the page's words ('produksi' for ``production``); any other value as given."""
    return CHOICE_LABELS[code].get(lang) if code in CHOICE_LABELS else (code or "—")
