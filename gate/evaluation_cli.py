"""``spbe-gate evaluasi buka|status|tutup`` and ``spbe-gate nilai-ulang``: the yearly evaluation and
bulk reassessment from the command line, on the service's database, as an administrator.

Jobs they create are handed to the workers when they can be reached (Celery), and otherwise wait in
the job table for the local pool of a running ``spbe-gate serve`` to pick them up."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import Any

from rules.i18n import Text


def register(sub: Any) -> None:
    evaluasi = sub.add_parser("evaluasi", help="evaluasi tahunan aplikasi / the yearly evaluation of applications")
    commands = evaluasi.add_subparsers(dest="evaluation_command", metavar="COMMAND", required=True)
    buka = commands.add_parser("buka", help="buka evaluasi satu tahun / open a year's evaluation")
    _year(buka)
    buka.add_argument(
        "--batas",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="batas konfirmasi OPD (bawaan: 30 hari lagi) / the OPDs' confirmation deadline (default: in 30 days)",
    )
    _admin(buka)
    buka.set_defaults(func=cmd_open)
    status = commands.add_parser("status", help="kemajuan evaluasi / the evaluation's progress")
    _year(status)
    status.set_defaults(func=cmd_status)
    tutup = commands.add_parser(
        "tutup", help="putuskan semua butir dan tutup / decide every item and close the evaluation"
    )
    _year(tutup)
    _admin(tutup)
    tutup.set_defaults(func=cmd_close)
    ulang = sub.add_parser(
        "nilai-ulang",
        help="nilai ulang semua aplikasi di katalog / reassess every catalogued application",
    )
    _admin(ulang)
    ulang.set_defaults(func=cmd_reassess_all)


def _year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tahun", type=int, required=True, metavar="YYYY", help="tahun evaluasi / the year")


def _admin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--oleh",
        metavar="EMAIL",
        help="administrator yang bertindak (bawaan: administrator aktif pertama) / the acting administrator "
        "(default: the first active administrator)",
    )


def _context(args: argparse.Namespace) -> tuple[Any, Any, Any, Any]:
    from sqlmodel import Session, col, select

    from gate.jobs import dispatcher_for
    from gate.models import Role, User
    from gate.service_cli import CommandError, _engine, _settings
    from gate.services.audit import Actor

    settings = _settings()
    session = Session(_engine())
    query = select(User).where(User.role == Role.ADMIN, User.active).order_by(col(User.id))
    if getattr(args, "oleh", None):
        query = query.where(User.email == args.oleh.strip().lower())
    admin = session.exec(query).first()
    if admin is None:
        session.close()
        raise CommandError(Text("tidak ada administrator aktif itu", "no such active administrator"))
    return settings, session, Actor(admin, "cli"), dispatcher_for(settings)


def _print_progress(session: Any, evaluation: Any) -> None:
    from gate.services.evaluation import progress

    counts = progress(session, evaluation.id or 0)
    closed = f", ditutup / closed {evaluation.closed_at:%Y-%m-%d}" if evaluation.closed_at else ""
    print(f"Evaluasi / evaluation {evaluation.year}: batas / deadline {evaluation.deadline}{closed}")
    print(f"  dinilai / assessed {counts['assessed']} dari / of {counts['total']}")
    for key in ("menunggu", "berkelanjutan", "perlu_tindakan", "tidak_berkelanjutan"):
        print(f"  {key:<20} {counts[key]}")


def cmd_open(args: argparse.Namespace) -> int:
    from gate.service_cli import CommandError
    from gate.services import evaluation as cycle

    settings, session, actor, dispatcher = _context(args)
    with session:
        deadline = args.batas or date.today() + timedelta(days=30)
        try:
            evaluation, added = cycle.open_evaluation(
                session, actor, args.tahun, deadline, settings.profile().evaluation, settings, dispatcher
            )
        except cycle.EvaluationError as exc:
            raise CommandError(exc.text) from None
        print(f"{added} aplikasi ditambahkan / applications added", file=sys.stderr)
        _print_progress(session, evaluation)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from gate.models import Evaluation
    from gate.service_cli import CommandError

    _, session, _, _ = _context(args)
    with session:
        evaluation = session.exec(select(Evaluation).where(Evaluation.year == args.tahun)).first()
        if evaluation is None:
            raise CommandError(Text(f"belum ada evaluasi {args.tahun}", f"no {args.tahun} evaluation yet"))
        _print_progress(session, evaluation)
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from gate.models import Evaluation
    from gate.service_cli import CommandError
    from gate.services import evaluation as cycle

    settings, session, actor, _ = _context(args)
    with session:
        evaluation = session.exec(select(Evaluation).where(Evaluation.year == args.tahun)).first()
        if evaluation is None:
            raise CommandError(Text(f"belum ada evaluasi {args.tahun}", f"no {args.tahun} evaluation yet"))
        try:
            cycle.close(session, actor, evaluation, settings)
        except cycle.EvaluationError as exc:
            raise CommandError(exc.text) from None
        _print_progress(session, evaluation)
    return 0


def cmd_reassess_all(args: argparse.Namespace) -> int:
    from gate.service_cli import CommandError
    from gate.services import evaluation as cycle

    settings, session, actor, dispatcher = _context(args)
    with session:
        try:
            batch = cycle.reassess_all(session, actor, settings, dispatcher)
        except cycle.EvaluationError as exc:
            raise CommandError(exc.text) from None
        print(f"penilaian ulang / reassessment #{batch.id}: {batch.total} aplikasi / applications")
    return 0
