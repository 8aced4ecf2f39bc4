"""Duplicate detection: which catalogued or shared applications a submission resembles.

Only the catalogue (approved applications, public within the kabupaten) and the shipped list of
shared applications are compared with: another OPD's unapproved submission is never read here,
so showing the result to the submitting OPD's developer reveals nothing private.

Speed without a new column: each submission's files never change, so a fingerprint is computed
once per process and kept (:class:`FingerprintCache`). A catalogue of thousands is first
narrowed by a coarse fingerprint built from columns already stored (``search_text``: paths,
operation ids, summaries, tags, field and schema names; and the title), also kept; only the
closest :data:`SHORTLIST` are fingerprinted from their files and compared in full. The engine's
part, what a fingerprint is and how two compare, is ``rules/similarity.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from gate.core.kept import Kept
from gate.models import Application, Opd, State, Submission, SubmissionFile
from rules import similarity
from rules.bundle import MemorySource
from rules.changes import UnreadableDocument, load_document
from rules.similarity import Fingerprint, Match, SharedApplication

#: Matches shown at most.
LIMIT = 5
#: Catalogued applications compared in full, the closest by the coarse fingerprint.
SHORTLIST = 25


@dataclass(frozen=True, slots=True)
class Coarse:
    """What the stored columns say: path templates (without methods) and canonical words."""

    paths: frozenset[str]
    words: frozenset[str]
    title_key: str


def coarse(search_text: str, title: str) -> Coarse:
    tokens = search_text.split()
    paths = [t for t in tokens if t.startswith("/")]
    # Words of the whole text at once: one pass of the splitting expressions, not one per token.
    words = similarity.content_words(search_text.replace("{", " ").replace("}", " "))
    return Coarse(frozenset(map(similarity.path_template, paths)), frozenset(words), similarity.title_key(title))


_NO_COARSE = Coarse(frozenset(), frozenset(), "")


def coarse_score(a: Coarse, b: Coarse) -> float:
    return 0.5 * similarity.jaccard(a.paths, b.paths) + 0.5 * similarity.jaccard(a.words, b.words)


#: Fingerprints and coarse fingerprints by database and submission id: a submission's files never
#: change. (The database is part of the key so that one process serving several, as tests do,
#: never mixes them up.) A fingerprint is a few kilobytes; 5,000 of them stay well under 100 MB.
_Key = tuple[str, int]
_FINGERPRINTS: Kept[_Key, Fingerprint] = Kept(5000)
_COARSE: Kept[_Key, Coarse] = Kept(20000)


def _db(session: Session) -> str:
    return str(session.get_bind().engine.url)


#: Stands for "the document could not be read": kept too, so it is not read again.
_UNREADABLE = Fingerprint("", "", frozenset(), {}, frozenset(), {}, frozenset())


def forget() -> None:
    """Empty the process's caches, the engine's word caches too (tests and benchmarks)."""
    _FINGERPRINTS.clear()
    _COARSE.clear()
    similarity.canonical.cache_clear()
    similarity.path_template.cache_clear()


def fingerprint_of(session: Session, submission: Submission) -> Fingerprint:
    """The submission's fingerprint, read from its stored files the first time."""
    key = (_db(session), submission.id or 0)
    kept = _FINGERPRINTS.get(key)
    if kept is not None:
        return kept
    rows = session.exec(select(SubmissionFile).where(SubmissionFile.submission_id == submission.id)).all()
    files = {f.path: f.content for f in rows}
    try:
        value = similarity.fingerprint(load_document(MemorySource(files), submission.root_file))
    except UnreadableDocument:
        value = _UNREADABLE
    _FINGERPRINTS.put(key, value)
    return value


@dataclass(frozen=True, slots=True)
class Duplicate:
    """One application the submission resembles."""

    kind: Literal["catalogue", "shared"]
    name: str
    #: The OPD of a catalogued application; the owner of a shared one.
    owner: str
    #: The catalogued application's id (its catalogue page), 0 for a shared one.
    application_id: int
    #: A shared application's public source ("" for a catalogued one).
    source: str
    title: str
    match: Match
    shared: SharedApplication | None = None

    @property
    def score(self) -> int:
        return self.match.score


@dataclass(frozen=True, slots=True)
class _Row:
    submission_id: int
    application_id: int
    application: str
    opd: str


def _catalogue(session: Session, but: int) -> list[_Row]:
    """Every catalogued application except the submission's own: plain columns, no entities (the
    rows of a large catalogue cost more to build as objects than everything else here)."""
    query = (
        select(col(Submission.id), col(Application.id), col(Application.nama), col(Opd.nama))
        .join(Application, col(Application.approved_submission_id) == Submission.id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(Application.id != but)
    )
    return [_Row(s or 0, a or 0, n, o) for s, a, n, o in session.exec(query).all()]


def _coarse_of(session: Session, rows: Iterable[_Row]) -> dict[int, Coarse]:
    """Coarse fingerprints of the rows; the missing ones built from stored columns, 500 a query."""
    db = _db(session)
    found: dict[int, Coarse] = {}
    missing: list[int] = []
    for row in rows:
        kept = _COARSE.get((db, row.submission_id))
        if kept is None:
            missing.append(row.submission_id)
        else:
            found[row.submission_id] = kept
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        query = select(col(Submission.id), col(Submission.search_text), col(Submission.title))
        for sid, text, title in session.exec(query.where(col(Submission.id).in_(chunk))).all():
            value = coarse(text or "", title or "")
            _COARSE.put((db, sid or 0), value)
            found[sid or 0] = value
    return found


def find(
    session: Session,
    submission: Submission,
    *,
    limit: int = LIMIT,
    threshold: int = similarity.THRESHOLD,
    shortlist: int = SHORTLIST,
) -> list[Duplicate]:
    """The catalogued and shared applications the submission resembles, closest first, at most
    ``limit`` of them, each scoring ``threshold`` or more."""
    ours = fingerprint_of(session, submission)
    if ours is _UNREADABLE:
        return []
    found: list[Duplicate] = []
    for app in similarity.shared_applications():
        match = similarity.compare(ours, app.fingerprint)
        if match.score >= threshold:
            found.append(Duplicate("shared", app.name, app.owner, 0, app.source, app.name, match, app))
    rows = _catalogue(session, submission.application_id)
    if rows:
        mine_key = (_db(session), submission.id or 0)
        mine = _COARSE.get(mine_key)
        if mine is None:
            mine = coarse(submission.search_text or "", submission.title)
            if submission.state is not State.SUBMITTED:  # its search words are written once assessed
                _COARSE.put(mine_key, mine)
        coarse_kept = _coarse_of(session, rows)

        def closeness(row: _Row) -> float:
            their = coarse_kept.get(row.submission_id, _NO_COARSE)  # gone since the first query
            return coarse_score(mine, their) + 0.25 * similarity.key_similarity(mine.title_key, (their.title_key,))

        ranked = sorted(rows, key=closeness, reverse=True)[:shortlist]
        by_id = {r.submission_id: r for r in ranked}
        subs = session.exec(
            select(Submission).where(col(Submission.id).in_(list(by_id))).options(defer(Submission.search_text))  # type: ignore[arg-type]
        ).all()
        for sub in subs:
            row = by_id[sub.id or 0]
            theirs = fingerprint_of(session, sub)
            if theirs is _UNREADABLE or similarity.upper_bound(ours, theirs) < threshold:
                continue
            match = similarity.compare(ours, theirs)
            if match.score >= threshold:
                found.append(Duplicate("catalogue", row.application, row.opd, row.application_id, "", sub.title, match))
    found.sort(key=lambda d: (-d.score, d.kind, d.name))
    return found[:limit]
