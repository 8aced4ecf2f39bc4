"""The view model of the upload form: what was typed, and the limits said before anyone is refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gate.web.i18n import LABELS
from rules.i18n import Lang, format_size


@dataclass(frozen=True, slots=True)
class SubmitForm:
    application: str
    root: str
    document: str
    staging_url: str
    applications: tuple[str, ...]
    error: str
    #: "At most 20 MB per upload; a zip ...": the limits the upload is held to.
    limits: str


def submit_form(
    values: Mapping[str, str],
    applications: Sequence[str],
    error: str,
    *,
    max_upload_bytes: int,
    max_files: int,
    max_unzipped_bytes: int,
    lang: Lang,
) -> SubmitForm:
    files = f"{max_files:,}".replace(",", "." if lang == "id" else ",")
    limits = LABELS["upload_limits"].format(
        lang,
        size=format_size(max_upload_bytes, lang),
        files=files,
        unzipped=format_size(max_unzipped_bytes, lang),
    )
    return SubmitForm(
        application=values.get("application", ""),
        root=values.get("root", ""),
        document=values.get("document", ""),
        staging_url=values.get("staging_url", ""),
        applications=tuple(applications),
        error=error,
        limits=limits,
    )
