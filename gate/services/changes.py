"""Change control in the service: every new version of an approved application is compared with
the approved one (``rules.changes.compare`` on the stored files), each breaking change with the
catalogued applications that call what it breaks, and, when such a version is approved, those
applications' OPDs are told (and nobody else).

A consumer is affected by a breaking change when it names the whole application, when the change
is not about particular operations (a base path, a global security requirement), or when an
operation it names (operationId or ``METHOD /path``, resolved in the approved version) is one the
change reaches.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from gate.models import Application, State, Submission
from gate.services import integration, notifications
from gate.services.integration import Consumer, Operations
from rules.changes import Change, UnreadableDocument, compare
from rules.i18n import Text
from rules.integrations import normal_operation, split_operation

#: Kinds after which an operation a client calls is no longer there.
GONE_KINDS = frozenset({"operation-removed", "path-removed"})

_COMPARED = integration.ContentCache(64)


@dataclass(frozen=True, slots=True)
class Affected:
    """A consumer a breaking change reaches, and which of its operations (empty: the whole app)."""

    consumer: Consumer
    operations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeImpact:
    change: Change
    affected: tuple[Affected, ...]


@dataclass(frozen=True, slots=True)
class Review:
    """A version compared with the approved one before it."""

    baseline: Submission
    impacts: tuple[ChangeImpact, ...]
    #: Why the two could not be compared (None: they were).
    error: Text | None = None

    @property
    def breaking(self) -> tuple[ChangeImpact, ...]:
        return tuple(i for i in self.impacts if i.change.breaking)


def baseline_of(session: Session, submission: Submission) -> Submission | None:
    """The newest approved version before this one."""
    return session.exec(
        select(Submission)
        .where(
            Submission.application_id == submission.application_id,
            Submission.state == State.APPROVED,
            col(Submission.number) < submission.number,
        )
        .order_by(col(Submission.number).desc())
    ).first()


def _changes(session: Session, old: Submission, new: Submission) -> tuple[Change, ...] | Text:
    key = (integration.content_key(session, old), integration.content_key(session, new))
    kept = _COMPARED.get(key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    try:
        found: tuple[Change, ...] | Text = compare(
            integration.stored_files(session, old), old.root_file, integration.stored_files(session, new), new.root_file
        ).changes
    except UnreadableDocument as exc:
        found = exc.text()
    _COMPARED.put(key, found)
    return found


def _reached(change: Change) -> set[str]:
    keys = set()
    for label in change.operations:
        split = split_operation(label)
        if split is not None:
            keys.add(normal_operation(*split))
    return keys


def _affected(change: Change, consumers: list[Consumer], ops: Operations | None) -> tuple[Affected, ...]:
    reached = _reached(change)
    out = []
    for consumer in consumers:
        if not consumer.operations or not change.operations:
            out.append(Affected(consumer, ()))
            continue
        hit = tuple(ref for ref in consumer.operations if ops is not None and ops.find(ref) in reached)
        if hit:
            out.append(Affected(consumer, hit))
    return tuple(out)


def review(session: Session, submission: Submission) -> Review | None:
    """The version's changes from the approved one before it (None: there is none), each breaking
    change with the catalogued applications it reaches."""
    baseline = baseline_of(session, submission)
    if baseline is None or baseline.id == submission.id:
        return None
    found = _changes(session, baseline, submission)
    if isinstance(found, Text):
        return Review(baseline, (), found)
    app = session.get(Application, submission.application_id)
    users = integration.consumers(session, app) if app is not None and any(c.breaking for c in found) else []
    ops = integration.operations_of(session, baseline) if users else None
    return Review(
        baseline,
        tuple(ChangeImpact(c, _affected(c, users, ops) if c.breaking else ()) for c in found),
    )


# -- telling the consumers --------------------------------------------------------------------------


def tell_consumers(session: Session, app: Application, submission: Submission, *, email: bool) -> int:
    """On the approval of ``submission``: each catalogued application its breaking changes reach is
    told, through its OPD's developers (in the caller's transaction). Returns how many were told."""
    found = review(session, submission)
    if found is None or found.error is not None:
        return 0
    per_consumer: dict[int, tuple[Consumer, list[Text], list[str]]] = {}
    for impact in found.breaking:
        change = impact.change
        for affected in impact.affected:
            consumer = affected.consumer
            _, hit, removed = per_consumer.setdefault(consumer.app.id or 0, (consumer, [], []))
            reached = affected.operations or change.operations
            # What it breaks: the operations when the change names them, else the change itself.
            hit.append(Text(", ".join(reached), ", ".join(reached)) if reached else change.message)
            if change.kind in GONE_KINDS:
                removed.extend(reached)
    told = 0
    for consumer, hit, removed in per_consumer.values():
        text = _message(app, submission, consumer, hit, removed)
        developers = notifications.opd_developers(session, consumer.opd.id or 0)
        key = f"breaking:{submission.id}:{consumer.app.id}"
        if notifications.notify(session, developers, "integrasi", key, text, f"/katalog/{app.id}", email=email):
            told += 1
    return told


def _message(app: Application, submission: Submission, consumer: Consumer, hit: list[Text], removed: list[str]) -> Text:
    what_id = integration.names(dict.fromkeys(t.id for t in hit))
    what_en = integration.names(dict.fromkeys(t.en for t in hit))
    text = Text(
        f"{app.nama} versi {submission.number} disetujui dengan perubahan yang merusak bagi {consumer.app.nama}: "
        f"{what_id}.",
        f"{app.nama} version {submission.number} was approved with breaking changes for {consumer.app.nama}: "
        f"{what_en}.",
    )
    if removed:
        gone = integration.names(dict.fromkeys(removed))
        text = Text(f"{text.id} Operasi yang tidak ada lagi: {gone}.", f"{text.en} Operations that are gone: {gone}.")
    return text
