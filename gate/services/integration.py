"""The kabupaten's applications as one connected system: what each catalogued application calls
(its approved version's structured ``x-spbe.integrasi``), checked against the catalogue, and the
map of it all.

The engine judges an entry's shape and national system codes without a database; here the
service checks what only the catalogue knows: the named application exists, has a valid
recommendation, and its approved version has the operations called. Nothing is stored: every
answer is read from the catalogue as it is now, so it stays true as versions are approved,
superseded or lapse. Documents are read once per content (``operations_of`` keys on the files'
SHA-256), since a stored version never changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from gate.models import Application, Opd, Submission, SubmissionFile
from gate.services import letters
from rules.bundle import MemorySource
from rules.changes import UnreadableDocument, load_document
from rules.i18n import Text
from rules.integrations import Entry, entries, normal_operation, split_operation
from rules.national_systems import NationalSystem, find_system

# -- operations of a stored version ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Operations:
    """A version's operations, found by ``METHOD /path`` (any parameter names) or operationId."""

    #: Normal key (``GET /izin/{}``) -> the label as the document writes it (``GET /v1/izin/{nomor}``).
    labels: dict[str, str]
    #: operationId -> normal key.
    ids: dict[str, str]

    def find(self, ref: str) -> str | None:
        """The normal key of the operation ``ref`` names, or None when this version has none."""
        split = split_operation(ref)
        if split is None:
            return self.ids.get(ref.strip())
        key = normal_operation(*split)
        return key if key in self.labels else None


class ContentCache:
    """Values computed from stored files, kept by the files' digests (content never changes)."""

    def __init__(self, size: int = 128):
        self._kept: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: Any) -> Any:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)


_OPERATIONS = ContentCache()


def content_key(session: Session, submission: Submission) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a version's document is: its root file and every file's SHA-256 (no content read)."""
    rows = session.exec(
        select(SubmissionFile.path, SubmissionFile.sha256).where(SubmissionFile.submission_id == submission.id)
    ).all()
    return submission.root_file, tuple(sorted((p, h) for p, h in rows))


def stored_files(session: Session, submission: Submission) -> dict[str, bytes]:
    rows = session.exec(select(SubmissionFile).where(SubmissionFile.submission_id == submission.id)).all()
    return {f.path: f.content for f in rows}


def operations_of(session: Session, submission: Submission) -> Operations | None:
    """The version's operations; None when its document cannot be read."""
    key = content_key(session, submission)
    kept = _OPERATIONS.get(key)
    if kept is not None:
        return kept if isinstance(kept, Operations) else None
    try:
        doc = load_document(MemorySource(stored_files(session, submission)), submission.root_file)
    except UnreadableDocument:
        _OPERATIONS.put(key, False)
        return None
    labels: dict[str, str] = {}
    ids: dict[str, str] = {}
    for op in doc.operations:
        normal = normal_operation(op.method, op.path)
        labels.setdefault(normal, op.label)
        if op.operation_id:
            ids.setdefault(op.operation_id, normal)
    found = Operations(labels, ids)
    _OPERATIONS.put(key, found)
    return found


# -- the catalogue, and what an entry names in it ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Catalogued:
    app: Application
    opd: Opd
    submission: Submission


@dataclass(slots=True)
class Catalogue:
    """Every application, and the catalogued ones (approved version) with their OPDs."""

    apps: dict[int, Application] = field(default_factory=dict)
    listed: dict[int, Catalogued] = field(default_factory=dict)

    def visible(self, app: Application, consumer_opd: int | None) -> bool:
        """Catalogued applications are everyone's to name; another one only its own OPD's (an OPD's
        unapproved applications are its private business, not even their names are told)."""
        return app.id in self.listed or app.opd_id == consumer_opd

    def named(self, target: int | str, consumer_opd: int | None) -> list[Application]:
        """The applications an entry's ``aplikasi`` may mean: one by id; by slug, the catalogued
        ones (or, if none is, the consumer's own), its own OPD's first when the slug is in several."""
        if isinstance(target, int):
            found = self.apps.get(target)
            return [found] if found and self.visible(found, consumer_opd) else []
        same = [a for a in self.apps.values() if a.slug == target and self.visible(a, consumer_opd)]
        listed = [a for a in same if a.id in self.listed] or same
        if len(listed) > 1:
            own = [a for a in listed if a.opd_id == consumer_opd]
            if len(own) == 1:
                return own
        return sorted(listed, key=lambda a: a.id or 0)


def catalogue(session: Session) -> Catalogue:
    out = Catalogue()
    out.apps = {a.id or 0: a for a in session.exec(select(Application)).all()}
    rows = session.exec(
        select(Application, Opd, Submission)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .join(Submission, col(Submission.id) == Application.approved_submission_id)
        .options(defer(Submission.search_text))  # type: ignore[arg-type]
    ).all()
    out.listed = {a.id or 0: Catalogued(a, o, s) for a, o, s in rows}
    return out


# -- a submission's integrations, checked -----------------------------------------------------------

OK, WARN, ERROR = "ok", "warning", "error"


@dataclass(frozen=True, slots=True)
class Check:
    """One structured entry of a submission, checked against the catalogue."""

    index: int
    #: What the entry names, as written (``layanan-perizinan``, ``12``, ``SIAK``).
    target: str
    #: What it resolved to: the application's or the system's name ("" when nothing).
    name: str
    owner: str
    href: str
    level: str
    problems: tuple[Text, ...]
    operations: tuple[str, ...]


def _recommendation_problem(session: Session, listed: Catalogued, today: date) -> Text | None:
    letter = letters.recommendation_of(session, listed.submission.id or 0)
    state = letters.status(letter, today) if letter else "tidak-ada"
    if state == "berlaku":
        return None
    words = {
        "kedaluwarsa": Text("sudah kedaluwarsa", "has expired"),
        "berakhir": Text("sudah berakhir", "has ended"),
    }.get(state, Text("tidak ada", "is missing"))
    return Text(
        f"Rekomendasi {listed.app.nama} {words.id}: aplikasi itu tidak dapat diandalkan untuk integrasi.",
        f"The recommendation of {listed.app.nama} {words.en}: it cannot be relied on for an integration.",
    )


def _check_application(
    session: Session, entry: Entry, app_id: int | None, opd_id: int | None, found: Catalogue, today: date
) -> Check:
    target = str(entry.target)
    named = found.named(entry.target, opd_id)
    if not named:
        return Check(
            entry.index,
            target,
            "",
            "",
            "",
            ERROR,
            (
                Text(
                    f"Tidak ada aplikasi {target} di katalog (sebut id atau slug dari halaman katalog).",
                    f"There is no application {target} in the catalogue (use the id or slug from the catalogue page).",
                ),
            ),
            entry.operations,
        )
    if len(named) > 1:
        opds = ", ".join(str(a.id) for a in named)
        return Check(
            entry.index,
            target,
            "",
            "",
            "",
            ERROR,
            (
                Text(
                    f"Slug {target} dipakai beberapa aplikasi (id {opds}); sebut id-nya.",
                    f"The slug {target} is used by several applications (ids {opds}); use the id.",
                ),
            ),
            entry.operations,
        )
    app = named[0]
    href = f"/katalog/{app.id}"
    if app.id == app_id:
        problem = Text("Aplikasi ini menyebut dirinya sendiri.", "This application names itself.")
        return Check(entry.index, target, app.nama, "", href, ERROR, (problem,), entry.operations)
    listed = found.listed.get(app.id or 0)
    if listed is None:
        problem = Text(
            f"{app.nama} belum punya versi yang disetujui: belum ada di katalog.",
            f"{app.nama} has no approved version: it is not in the catalogue yet.",
        )
        return Check(entry.index, target, app.nama, "", "", ERROR, (problem,), entry.operations)
    problems: list[Text] = []
    stale = _recommendation_problem(session, listed, today)
    if stale is not None:
        problems.append(stale)
    ops = operations_of(session, listed.submission) if entry.operations else None
    number = listed.submission.number
    for ref in entry.operations:
        if ops is not None and ops.find(ref) is None:
            problems.append(
                Text(
                    f"Operasi {ref} tidak ada di versi {listed.app.nama} yang disetujui (#{number}).",
                    f"Operation {ref} is not in the approved version of {listed.app.nama} (#{number}).",
                )
            )
    return Check(
        entry.index,
        target,
        app.nama,
        listed.opd.nama,
        href,
        ERROR if problems else OK,
        tuple(problems),
        entry.operations,
    )


def _check_system(entry: Entry) -> Check:
    system = find_system(str(entry.target))
    if system is None:  # the rulebook reports it too (SUS018)
        problem = Text(f"Sistem nasional {entry.target} tidak dikenal.", f"Unknown national system {entry.target}.")
        return Check(entry.index, str(entry.target), "", "", "", ERROR, (problem,), entry.operations)
    return Check(entry.index, str(entry.target), system.nama, system.pemilik, system.sumber, OK, (), entry.operations)


def check(session: Session, submission: Submission, today: date | None = None) -> list[Check]:
    """Each structured entry of the submission's ``x-spbe`` (as assessed), checked now."""
    found_entries = entries(submission.x_spbe)
    if not found_entries:
        return []
    app = session.get(Application, submission.application_id)
    found = catalogue(session)
    today = today or date.today()
    return [
        _check_application(session, e, submission.application_id, app.opd_id if app else None, found, today)
        if e.kind == "aplikasi"
        else _check_system(e)
        for e in found_entries
    ]


# -- consumers of an application --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consumer:
    """A catalogued application whose approved version calls ``provider``."""

    app: Application
    opd: Opd
    #: The operations it names, as written; empty: the whole application.
    operations: tuple[str, ...]


def consumers(session: Session, provider: Application, found: Catalogue | None = None) -> list[Consumer]:
    found = found or catalogue(session)
    out: list[Consumer] = []
    for listed in found.listed.values():
        if listed.app.id == provider.id:
            continue
        ops: list[str] = []
        whole = False
        for entry in entries(listed.submission.x_spbe):
            if entry.kind != "aplikasi":
                continue
            named = found.named(entry.target, listed.app.opd_id)
            if len(named) == 1 and named[0].id == provider.id:
                whole = whole or not entry.operations
                ops.extend(entry.operations)
        if whole or ops:
            out.append(Consumer(listed.app, listed.opd, () if whole else tuple(dict.fromkeys(ops))))
    return sorted(out, key=lambda c: (c.opd.nama, c.app.nama, c.app.id or 0))


# -- the map ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # "aplikasi:12" | "sistem:SIAK"
    kind: str  # "aplikasi" | "sistem"
    nama: str
    opd_id: int | None = None
    application_id: int | None = None
    slug: str = ""
    version: int | None = None
    pemilik: str = ""
    sumber: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    operations: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    opd_id: int
    kode: str
    nama: str
    nodes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Graph:
    groups: tuple[Group, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    #: National systems the catalogue names (at the map's edge), by code.
    systems: tuple[Node, ...]

    def as_dict(self) -> dict[str, Any]:
        """The export (JSON page and API): plain data, sorted, the same for equal catalogues."""
        return {
            "opd": [{"id": g.opd_id, "kode": g.kode, "nama": g.nama, "aplikasi": list(g.nodes)} for g in self.groups],
            "aplikasi": [
                {
                    "id": n.id,
                    "application_id": n.application_id,
                    "nama": n.nama,
                    "slug": n.slug,
                    "opd_id": n.opd_id,
                    "versi": n.version,
                }
                for n in self.nodes
            ],
            "sistem_nasional": [
                {"id": n.id, "kode": n.id.split(":", 1)[1], "nama": n.nama, "pemilik": n.pemilik, "sumber": n.sumber}
                for n in self.systems
            ],
            "integrasi": [
                {"dari": e.source, "ke": e.target, "operasi": list(e.operations), "keterangan": e.note}
                for e in self.edges
            ],
        }


def _system_node(system: NationalSystem) -> Node:
    return Node(f"sistem:{system.kode}", "sistem", system.nama, pemilik=system.pemilik, sumber=system.sumber)


def graph(session: Session) -> Graph:
    """The catalogue's applications, by OPD, and the integrations their approved versions declare
    that the gate can place: to a catalogued application, or to a known national system."""
    found = catalogue(session)
    listed = sorted(found.listed.values(), key=lambda c: (c.opd.nama, c.opd.id or 0, c.app.nama, c.app.id or 0))
    nodes = tuple(
        Node(
            f"aplikasi:{c.app.id}",
            "aplikasi",
            c.app.nama,
            c.opd.id,
            c.app.id,
            c.app.slug,
            c.submission.number,
        )
        for c in listed
    )
    groups: dict[int, Group] = {}
    for c in listed:
        g = groups.get(c.opd.id or 0)
        ids = (*(g.nodes if g else ()), f"aplikasi:{c.app.id}")
        groups[c.opd.id or 0] = Group(c.opd.id or 0, c.opd.kode, c.opd.nama, ids)
    edges: dict[tuple[str, str], Edge] = {}
    systems: dict[str, Node] = {}
    for c in listed:
        source = f"aplikasi:{c.app.id}"
        for entry in entries(c.submission.x_spbe):
            if entry.kind == "sistem":
                system = find_system(str(entry.target))
                if system is None:
                    continue
                node = systems.setdefault(system.kode, _system_node(system))
                target = node.id
            else:
                named = found.named(entry.target, c.app.opd_id)
                if len(named) != 1 or named[0].id not in found.listed or named[0].id == c.app.id:
                    continue
                target = f"aplikasi:{named[0].id}"
            before = edges.get((source, target))
            ops = tuple(dict.fromkeys((*(before.operations if before else ()), *entry.operations)))
            note = "; ".join(filter(None, (before.note if before else "", entry.note)))
            edges[(source, target)] = Edge(source, target, ops, note)
    return Graph(
        tuple(groups.values()),
        nodes,
        tuple(sorted(edges.values(), key=lambda e: (e.source, e.target))),
        tuple(sorted(systems.values(), key=lambda n: n.id)),
    )


def names(items: Iterable[str], limit: int = 8) -> str:
    """A short list for a message: the first ``limit``, then how many more."""
    shown: Sequence[str] = list(items)
    head = ", ".join(shown[:limit])
    return head + (f" (+{len(shown) - limit})" if len(shown) > limit else "")
