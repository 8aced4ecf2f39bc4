"""Reports: one view model, several renderers (text, JSON, SARIF, JUnit, Markdown, HTML)."""

from __future__ import annotations

from rules.i18n import Lang
from rules.result import Assessment

FORMATS = ("text", "json", "sarif", "junit", "html", "markdown")


def render(assessment: Assessment, fmt: str, lang: Lang = "id", *, color: bool = False, uri_base: str = "") -> str:
    """The report in ``fmt`` (one of FORMATS). ``uri_base`` (SARIF only) is put before every file
    name: the document's folder relative to the repository root, ending in ``/``."""
    if fmt == "json":
        from reports import json_report

        return json_report.render(assessment, lang)
    if fmt == "sarif":
        from reports import sarif

        return sarif.render(assessment, lang, uri_base)
    if fmt == "junit":
        from reports import junit

        return junit.render(assessment, lang)
    from reports import model

    view = model.build(assessment, lang)
    if fmt == "text":
        from reports import text

        return text.render(view, color=color)
    if fmt == "markdown":
        from reports import markdown

        return markdown.render(view)
    if fmt == "html":
        from reports import html

        return html.render(view)
    raise ValueError(f"unknown format {fmt!r}")
