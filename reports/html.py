"""The HTML report: one self-contained, printable page rendered from the view model.

The template only iterates the model; Jinja2 escapes every value (autoescape on).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from reports.model import ReportView


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(view: ReportView) -> str:
    return environment().get_template("report.html.j2").render(v=view, t=view.t)


def render_body(view: ReportView) -> Markup:
    """The report without its page around it, for a site that shows it inside its own pages."""
    return Markup(environment().get_template("report_body.html.j2").render(v=view, t=view.t))
