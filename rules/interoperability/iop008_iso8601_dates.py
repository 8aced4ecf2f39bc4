"""IOP008: dates and times are ISO 8601 / RFC 3339 strings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import facets, named_values, words
from rules.interoperability._identifiers import expand_arrays

#: English is head-final: the last word says what the value is (created_at, birth_date, start_time).
_EN_HEADS = frozenset(
    {
        "date",
        "dates",
        "time",
        "datetime",
        "timestamp",
        "dob",
        "birthdate",
        "birthday",
        "deadline",
        "expiry",
        "expiration",
        "expires",
        "until",
        "since",
    }
)
#: Anywhere in the name they mean a point in time.
_ALWAYS = frozenset({"timestamp", "datetime"})
#: Indonesian is head-initial: the first word says what the value is (tanggal_lahir, waktu_pengajuan).
_ID_FIRST = frozenset({"tanggal", "tgl", "waktu", "kedaluwarsa", "kadaluarsa", "kadaluwarsa", "kedaluarsa"})
_BERLAKU_NEXT = frozenset({"sampai", "hingga", "mulai", "dari", "sd"})
#: The last word names something about a date, not the date itself (date_format, time_zone).
_NOT_A_DATE_HEAD = frozenset(
    {
        "format",
        "formats",
        "zone",
        "timezone",
        "tz",
        "type",
        "unit",
        "units",
        "mode",
        "range",
        "limit",
        "interval",
        "window",
        "period",
        "offset",
        "precision",
        "source",
        "field",
        "kind",
        "id",
        "ids",
        "count",
        "enabled",
        "style",
        "pattern",
        "order",
        "sort",
        "granularity",
        "resolution",
        "label",
        "name",
        "text",
        "locale",
        "zona",
        "jenis",
    }
)
#: Durations, not points in time (time_limit_seconds, waktu_tunggu_menit, response_time_ms).
_DURATION_WORDS = frozenset(
    {
        "ms",
        "msec",
        "millis",
        "milliseconds",
        "sec",
        "secs",
        "second",
        "seconds",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hrs",
        "days",
        "weeks",
        "months",
        "years",
        "ns",
        "nanos",
        "nanoseconds",
        "us",
        "micros",
        "microseconds",
        "duration",
        "elapsed",
        "ttl",
        "timeout",
        "ago",
        "detik",
        "menit",
        "hari",
        "minggu",
        "bulan",
        "tahun",
        "durasi",
        "lama",
    }
)
#: ``<word>_time`` read as a moment (start_time, created_time). Others are often durations
#: (response_time, long_query_time, decay_time) and are left alone.
_POINT_TIME_MODIFIERS = frozenset(
    {
        "start",
        "starting",
        "end",
        "ending",
        "begin",
        "finish",
        "finished",
        "stop",
        "arrival",
        "departure",
        "event",
        "creation",
        "create",
        "created",
        "update",
        "updated",
        "modification",
        "modified",
        "change",
        "changed",
        "delete",
        "deleted",
        "deletion",
        "expiration",
        "expiry",
        "expire",
        "issue",
        "issued",
        "submit",
        "submitted",
        "submission",
        "completion",
        "completed",
        "pickup",
        "delivery",
        "due",
        "close",
        "closed",
        "closing",
        "open",
        "opened",
        "opening",
        "login",
        "logout",
        "last",
        "first",
        "next",
        "previous",
        "prev",
        "sent",
        "received",
        "request",
        "transition",
        "probe",
        "scheduled",
        "schedule",
        "trigger",
        "triggered",
        "birth",
        "death",
        "appointment",
        "booking",
        "release",
        "publish",
        "published",
        "effective",
        "cutoff",
        "approval",
        "approved",
        "payment",
        "paid",
        "registration",
        "registered",
    }
)
#: Heads that may name a duration when the value is a number (token_expiry: 3600): only a string
#: without a format is reported for them.
_STRING_ONLY_HEADS = frozenset({"expiry", "expiration", "expires"})
#: ``waktu_<word>`` that is a duration: waktu_tunggu (waiting time), waktu_tempuh (travel time).
_DURATION_WAKTU_MODIFIERS = frozenset(
    {"tunggu", "tempuh", "proses", "penyelesaian", "pelayanan", "layanan", "respons", "respon", "kerja", "tanggap"}
)
#: ``<participle>_on`` read as a date (created_on); not based_on, depends_on.
_ON_PARTICIPLES = frozenset(
    {
        "created",
        "updated",
        "modified",
        "deleted",
        "posted",
        "published",
        "issued",
        "signed",
        "approved",
        "submitted",
        "completed",
        "closed",
        "opened",
        "started",
        "ended",
        "expired",
        "received",
        "sent",
        "paid",
        "processed",
        "registered",
        "joined",
        "added",
        "changed",
        "verified",
        "cancelled",
        "canceled",
        "rejected",
        "accepted",
        "scheduled",
        "delivered",
        "filed",
        "recorded",
        "reported",
        "released",
    }
)
_AT_NOT_TIME = frozenset({"look", "point", "aim", "aimed", "pointed", "targeted", "located", "stationed"})


def date_name_kind(name: str) -> str | None:
    """ "any" when the name says date/time, "string" when only a string form is certain, else None."""
    w = words(name)
    if not w or any(x in _DURATION_WORDS for x in w):
        return None
    last, first = w[-1], w[0]
    if last in _NOT_A_DATE_HEAD:
        return None
    if any(x in _ALWAYS for x in w):
        return "any"
    if last in _EN_HEADS:
        if last == "time" and len(w) > 1 and w[-2] not in _POINT_TIME_MODIFIERS:
            return None
        return "string" if last in _STRING_ONLY_HEADS else "any"
    if len(w) > 1 and (
        (last == "at" and w[-2] not in _AT_NOT_TIME) or (last == "on" and w[-2] in _ON_PARTICIPLES) or last == "pada"
    ):
        return "any"
    if first in _ID_FIRST:
        return None if first == "waktu" and len(w) > 1 and w[1] in _DURATION_WAKTU_MODIFIERS else "any"
    if any(w[i] == "berlaku" and w[i + 1] in _BERLAKU_NEXT for i in range(len(w) - 1)):
        return "any"
    # date_of_birth, date_created (Django), time_of_day
    if first in ("date", "time") and len(w) > 1 and (w[1] == "of" or w[1].endswith("ed")):
        return "any"
    return None


class Iso8601Dates(Rule):
    id = "IOP008"
    name = "iso8601-dates"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Tanggal dan waktu memakai ISO 8601 (RFC 3339)", "Dates and times use ISO 8601 (RFC 3339)")
    rationale = Text(
        "Tanggal yang dikirim sebagai angka epoch atau teks bebas ('17/08/2025', '17-08-25') "
        "ditafsirkan berbeda oleh tiap sistem: hari dan bulan tertukar, zona waktu hilang, tanggal "
        "lahir bergeser sehari. String ISO 8601 (`2025-08-17`, `2025-08-17T09:30:00+07:00`) "
        "dibaca sama oleh semua platform.",
        "Dates sent as epoch numbers or free text ('17/08/2025', '17-08-25') are read differently "
        "by each system: day and month swapped, time zone lost, a birth date shifted by a day. "
        "ISO 8601 strings (`2025-08-17`, `2025-08-17T09:30:00+07:00`) read the same everywhere.",
    )
    fix = Text(
        "Nyatakan `type: string` dengan `format: date` (tanggal saja, mis. tanggal lahir) atau "
        "`format: date-time` (waktu kejadian, dengan zona waktu, mis. `+07:00` untuk WIB); "
        "`format: time` untuk jam saja.",
        "Declare `type: string` with `format: date` (date only, e.g. a birth date) or "
        "`format: date-time` (a moment, with its time zone, e.g. `+07:00` for WIB); "
        "`format: time` for a time of day.",
    )
    message = Text("{kind} '{name}' {problem}", "{kind} '{name}' {problem}")
    references = (
        "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
        "https://opensource.zalando.com/restful-api-guidelines/#169",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/date-time/format",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "04_raccomandazioni-tecniche-generali/02_formato-dei-dati.html",
    )
    options = {
        "formats": Option(
            ["date", "date-time", "time"],
            Text(
                "Nilai `format` yang diterima untuk tanggal dan waktu", "Accepted `format` values for dates and times"
            ),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        formats = frozenset(str(f) for f in ctx.option("formats"))
        kinds: dict[str, str | None] = {}
        # Header parameters carry HTTP dates (RFC 9110 IMF-fixdate), not ISO 8601.
        for value in named_values(doc, frozenset({"query", "path", "cookie", "formData"})):
            if value.name in kinds:
                kind_of_name = kinds[value.name]
            else:
                kind_of_name = kinds[value.name] = date_name_kind(value.name)
            if kind_of_name is None:
                continue
            problem = _date_problem(doc, value.schema, formats, numbers=kind_of_name == "any")
            if problem is not None:
                kind = Text("Properti", "Property") if value.kind == "property" else Text("Parameter", "Parameter")
                yield self.violation(value.pointer, kind=kind, name=value.name, problem=problem)


def _date_problem(doc: Document, schema: Any, formats: frozenset[str], *, numbers: bool) -> Text | None:
    shapes = [s for s in expand_arrays(doc, facets(doc, schema)) if not s.has_enum]
    if not shapes or any(s.format in formats for s in shapes):
        return None
    for shape in shapes:
        if shape.numeric:
            if not numbers:
                return None
            kind = "/".join(sorted(shape.types & {"integer", "number"}))
            return Text(
                f"bertipe {kind} (angka epoch); gunakan string ber-format date atau date-time",
                f"is typed {kind} (an epoch number); use a string with format date or date-time",
            )
    for shape in shapes:
        if "string" in shape.types:
            if shape.format is None:
                return Text(
                    "bertipe string tanpa format; tambahkan format date, date-time atau time",
                    "is a string without a format; add format date, date-time or time",
                )
            return Text(
                f"memakai format '{shape.format}'; gunakan date atau date-time",
                f"uses format '{shape.format}'; use date or date-time",
            )
    return None
