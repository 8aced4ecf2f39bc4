"""A demo kabupaten: OPDs, users and a few submissions, so the service is usable in a minute."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from gate.models import Outcome, Role, User
from gate.services import submissions as flow
from gate.services.accounts import create_opd, create_user
from gate.services.audit import Actor
from gate.services.uploads import Limits, single_file

DEMO_PASSWORD = "demo-spbe-gate"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OPDS = (
    ("2.16.01", "Dinas Komunikasi dan Informatika Kabupaten Contoh"),
    ("2.18.01", "Dinas Penanaman Modal dan PTSP Kabupaten Contoh"),
    ("4.05.01", "Badan Kepegawaian dan Pengembangan SDM Kabupaten Contoh"),
    ("1.02.01", "Dinas Kesehatan Kabupaten Contoh"),
)
USERS = (
    ("admin@contohkab.go.id", "Administrator Gate", Role.ADMIN, None),
    ("peninjau@diskominfo.contohkab.go.id", "Rina Peninjau", Role.REVIEWER, None),
    ("dev@dpmptsp.contohkab.go.id", "Dewi Pengembang", Role.DEVELOPER, "2.18.01"),
    ("dev@bkpsdm.contohkab.go.id", "Bima Pengembang", Role.DEVELOPER, "4.05.01"),
    ("dev@dinkes.contohkab.go.id", "Dinda Pengembang", Role.DEVELOPER, "1.02.01"),
)


def load_demo(engine: Engine) -> str:
    """Load the demo once; later calls change nothing. Returns what to tell the user."""
    with Session(engine) as session:
        if session.exec(select(User).where(User.email == USERS[0][0])).first() is None:
            _load(session)
    lines = [f"Data demo siap / demo data ready. Kata sandi / password: {DEMO_PASSWORD} (hanya demo / demo only)"]
    lines += [f"  {role.value:<9} {email}" for email, _, role, _ in USERS]
    return "\n".join(lines)


def _load(session: Session) -> None:
    opds = {kode: create_opd(session, kode, nama) for kode, nama in OPDS}
    users = {
        email: create_user(session, email, nama, DEMO_PASSWORD, role, opds[kode].id if kode else None)
        for email, nama, role, kode in USERS
    }
    session.commit()
    limits = Limits(20 * 1024 * 1024, 100, 50 * 1024 * 1024)
    reviewer = Actor(users["peninjau@diskominfo.contohkab.go.id"])
    perizinan = EXAMPLES / "layanan-perizinan" / "openapi.yaml"
    simpeg = EXAMPLES / "simpeg-lama" / "swagger.yaml"
    if perizinan.exists():
        dev = Actor(users["dev@dpmptsp.contohkab.go.id"])
        stored = flow.submit(
            session, dev, "Layanan Perizinan Berusaha", single_file("openapi.yaml", perizinan.read_bytes(), limits)
        )
        flow.decide(
            session, reviewer, stored.submission, Outcome.APPROVE, "Memenuhi seluruh aturan; siap diintegrasikan."
        )
    if simpeg.exists():
        dev = Actor(users["dev@bkpsdm.contohkab.go.id"])
        first = flow.submit(session, dev, "SIMPEG Kabupaten", single_file("swagger.yaml", simpeg.read_bytes(), limits))
        flow.decide(
            session,
            reviewer,
            first.submission,
            Outcome.REJECT,
            "Server memakai HTTP dan alamat IP, tanpa autentikasi yang memadai, tanpa metadata x-spbe.",
        )
        flow.submit(session, dev, "SIMPEG Kabupaten", single_file("swagger.yaml", simpeg.read_bytes(), limits))
