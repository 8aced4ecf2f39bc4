"""The view model of the metadata form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.services.metadata import FIELDS
from gate.web.i18n import LABELS
from gate.web.views.common import Option, choice_words
from rules.i18n import Lang


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    label: str
    value: str
    choices: tuple[Option, ...]


def metadata_fields(values: Mapping[str, str], lang: Lang) -> tuple[FieldView, ...]:
    out = []
    for field in FIELDS:
        value = values.get(field.name, "")
        choices: tuple[Option, ...] = ()
        if field.choices:
            choices = (
                Option("", LABELS["choose"].get(lang), not value),
                *(Option(c, choice_words(c, lang), c == value) for c in field.choices),
            )
            if value and value not in field.choices:  # what the document says, even if invalid
                choices += (Option(value, value, True),)
        label_key = {"pj_nama": "m_pj_nama", "pj_email": "m_pj_email", "jenis_aplikasi": "m_jenis"}.get(
            field.name, "m_" + field.name
        )
        out.append(FieldView(field.name, LABELS[label_key].get(lang), value, choices))
    return tuple(out)
