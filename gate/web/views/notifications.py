"""View model of a user's notifications: the list on the home page, the page of all of them, and
the header's link with the unread count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.models import Notification
from gate.web.views.common import when
from rules.i18n import Lang, Text

#: Messages on the home page (the rest are on /notifikasi).
HOME = 5
#: Messages per page of /notifikasi.
PAGE = 50

LABELS: dict[str, Text] = {
    "heading": Text("Notifikasi", "Notifications"),
    "header_unread": Text("Notifikasi ({n} baru)", "Notifications ({n} new)"),
    "none": Text("Belum ada notifikasi.", "No notifications yet."),
    "new": Text("baru", "new"),
    "all": Text("Semua notifikasi", "All notifications"),
    "mark_all": Text("Tandai semua sudah dibaca", "Mark all as read"),
    "mark_one": Text("Tandai sudah dibaca", "Mark as read"),
    "unread": Text("{n} belum dibaca", "{n} unread"),
    "open": Text("Buka", "Open"),
    "newer": Text("Lebih baru", "Newer"),
    "older": Text("Lebih lama", "Older"),
    "at": Text("Waktu", "Time"),
    "message": Text("Pesan", "Message"),
}

#: What each kind of message is about, in words (its badge).
KINDS: dict[str, Text] = {
    "decision": Text("keputusan", "decision"),
    "deployment_down": Text("deployment gagal", "deployment down"),
    "drift": Text("perubahan API", "API drift"),
    "certificate": Text("sertifikat", "certificate"),
    "recommendation_expiring": Text("rekomendasi berakhir", "recommendation ending"),
}


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    text: str
    href: str
    at: str
    kind: str
    unread: bool


@dataclass(frozen=True, slots=True)
class Notes:
    """The list (home: the latest few; the page: a page of all), with its labels and unread count."""

    t: dict[str, str]
    rows: tuple[NoteRow, ...]
    unread: int
    unread_text: str
    csrf: str
    #: Where marking read returns to (the page it was done on).
    back: str
    #: Where "all notifications" leads ("" on the page itself).
    all_href: str
    newer_href: str = ""
    older_href: str = ""


def header_label(unread: int, lang: Lang) -> str:
    return (LABELS["header_unread"] if unread else LABELS["heading"]).get(lang).format(n=unread)


def note_rows(rows: Sequence[Notification], lang: Lang) -> tuple[NoteRow, ...]:
    return tuple(
        NoteRow(
            id=n.id or 0,
            # In the page's language; a message stored with one language only still shows.
            text=n.text.get(lang) or n.text.get("id") or n.text.get("en") or "",
            href=n.href if n.href.startswith("/") and not n.href.startswith("//") else "",
            at=when(n.created_at, lang),
            kind=KINDS[n.kind].get(lang) if n.kind in KINDS else n.kind,
            unread=n.read_at is None,
        )
        for n in rows
    )


def notes(
    rows: Sequence[Notification],
    unread: int,
    csrf: str,
    back: str,
    lang: Lang,
    *,
    all_href: str = "",
    newer_href: str = "",
    older_href: str = "",
) -> Notes:
    return Notes(
        t={k: v.get(lang) for k, v in LABELS.items()},
        rows=note_rows(rows, lang),
        unread=unread,
        unread_text=LABELS["unread"].get(lang).format(n=unread),
        csrf=csrf,
        back=back,
        all_href=all_href,
        newer_href=newer_href,
        older_href=older_href,
    )
