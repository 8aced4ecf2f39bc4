"""What the change rules share: the comparison with the previous version, and dates."""

from __future__ import annotations

from datetime import date

#: Removals of whole operations: judged by their deprecation (CHG002, CHG003), not by CHG001.
OPERATION_REMOVALS = frozenset({"operation-removed", "path-removed"})
#: Changes that announce a removal.
DEPRECATIONS = frozenset({"operation-deprecated", "parameter-deprecated", "property-deprecated"})
REFERENCES = (
    "https://opensource.zalando.com/restful-api-guidelines/#deprecation",
    "https://logius-standaarden.github.io/API-Design-Rules/#/core/deprecation-schedule",
    "https://www.rfc-editor.org/rfc/rfc8594",
)


def parse_date(value: str | None) -> date | None:
    """An ``x-sunset`` date (YYYY-MM-DD, or the date part of an RFC 3339 timestamp); None if not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def sunset_passed(value: str | None, today: date) -> bool:
    sunset = parse_date(value)
    return sunset is not None and sunset <= today
