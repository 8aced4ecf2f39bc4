"""The yearly evaluation at a kabupaten's scale: 2,000 catalogued applications, evaluated by the
local job pool, and the dashboard's and the report's response times at that size.

    .venv/bin/python bench/evaluation_scale.py                    # SQLite and PostgreSQL (when reachable)
    .venv/bin/python bench/evaluation_scale.py --db sqlite --applications 500

For each database, in a fresh data folder (and a fresh PostgreSQL schema):

1. Set-up (not timed against a target): 40 OPDs; ``--applications`` applications submitted
   through the service (``submissions.submit``: the engine assesses each) and approved
   (``submissions.decide``: a numbered recommendation each), from a mix of real documents:
   examples/ and ../shared/specs/ (2.7 KB to 482 KB, mean ~40 KB), 70% with full ``x-spbe``
   metadata; 300 more submissions waiting in the queue, aged 0 to 60 days; a year of daily probes
   for the 30% that declare a production URL (3% down at the last probe); last year's evaluation
   as it was recorded (for the report's change from the previous year).
2. Timed: the evaluation opened (``evaluation.open_evaluation``: one item, one notification and
   one job per application) and every item reassessed by ``--workers`` local pool workers, until
   every job has finished (the issue's target: within 10 minutes on 2 cores). Then 75% of the OPDs
   answer (recorded directly), and the evaluation is closed (renewals, lapses, action lists).
3. Timed: the pages, signed in as a reviewer, in process (FastAPI's TestClient: the server's own
   time, no network): the first request (the report reads each item's stored report once per
   process) and the median and p90 of ``--repeat`` more (the issue's target: under 200 ms).
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text, update
from sqlmodel import Session, col, func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SPECS = ROOT.parent / "shared" / "specs"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "kata-sandi-bench-123"
REVIEWER, ADMIN = "reviewer@diskominfo.contohkab.go.id", "admin@diskominfo.contohkab.go.id"

#: (file, weight): a kabupaten's applications are mostly small and medium APIs, a few large ones.
POOL = [
    (ROOT / "examples" / "layanan-perizinan" / "openapi.yaml", 35),
    (ROOT / "examples" / "simpeg-lama" / "swagger.yaml", 10),
    (SPECS / "oai-v3.0_uspto.yaml", 10),
    (SPECS / "oai-v2.0_json_uber.json", 10),
    (SPECS / "oai-v3.0_petstore-expanded.yaml", 8),
    (SPECS / "oai-v2.0_json_petstore-expanded.json", 7),
    (SPECS / "oai-v3.0_link-example.yaml", 5),
    (SPECS / "oai-v3.0_petstore.yaml", 10),
    (SPECS / "twilio_messaging_v1.json", 5),
]
OPD_WORDS = [
    "Kesehatan",
    "Pendidikan",
    "Perhubungan",
    "Sosial",
    "Kependudukan dan Pencatatan Sipil",
    "Penanaman Modal dan PTSP",
    "Pekerjaan Umum",
    "Lingkungan Hidup",
    "Pertanian",
    "Perikanan",
]


@dataclass
class Timing:
    first_ms: float
    median_ms: float
    p90_ms: float
    #: The process's CPU time per request (median): what the page costs on a core of its own,
    #: whatever else shares the machine.
    cpu_ms: float


@dataclass
class Result:
    db: str
    applications: int
    setup_s: float
    open_s: float
    evaluate_s: float
    failed_jobs: int
    close_s: float
    pages: dict[str, Timing]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _documents() -> list[tuple[str, bytes, int]]:
    found = [(p.name, p.read_bytes(), w) for p, w in POOL if p.exists()]
    if not found:
        raise SystemExit("no documents: examples/ is missing")
    return found


def _metadata(rng: random.Random, opd: str, year: int, i: int) -> dict[str, Any]:
    domain = "".join(c for c in opd.lower() if c.isalpha())[:20] + ".contohkab.go.id"
    meta: dict[str, Any] = {
        "opd": opd,
        "penanggung_jawab": {"nama": f"Pejabat {i}", "email": f"pejabat{i}@{domain}"},
        "jenis_aplikasi": rng.choice(["umum", "khusus"]),
        "lifecycle": rng.choices(["production", "staging", "deprecated"], [90, 7, 3])[0],
        "hosting": rng.choice(["pusat-data-daerah", "pdn", "cloud-lain"]),
        "anggaran": [{"tahun": year, "sumber": "APBD"}] + ([{"tahun": year + 1}] if rng.random() < 0.8 else []),
        "sso": rng.random() < 0.5,
    }
    if meta["lifecycle"] == "deprecated":
        meta["sunset"] = (date(year, 12, 31) + timedelta(days=rng.randint(-200, 200))).isoformat()
    if rng.random() < 0.3:
        meta["url_produksi"] = f"https://app{i}.{domain}/v1"
    return meta


def _settings(db: str, data: Path) -> Any:
    from gate.core.config import Settings

    url = ""
    if db == "postgresql":
        schema = "bench_eval_" + secrets.token_hex(4)
        with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    return Settings(data_dir=data, database_url=url, secret_key=secrets.token_urlsafe(32))


def setup(app: Any, settings: Any, n: int, rng: random.Random) -> dict[str, Any]:
    from gate.models import Application, Evaluation, EvaluationItem, EvaluationOutcome, Outcome, Probe, Role, Submission
    from gate.services import letters
    from gate.services import submissions as flow
    from gate.services.accounts import create_opd, create_user
    from gate.services.audit import Actor
    from gate.services.uploads import Upload

    year = date.today().year
    documents = _documents()
    weights = [w for _, _, w in documents]
    with Session(app.state.engine) as s:
        reviewer = create_user(s, REVIEWER, "Rina", PASSWORD, Role.REVIEWER)
        admin = create_user(s, ADMIN, "Adi", PASSWORD, Role.ADMIN)
        developers, opds = [], []
        for k in range(40):
            name = f"Dinas {OPD_WORDS[k % len(OPD_WORDS)]}" + (f" Wilayah {k // len(OPD_WORDS) + 1}" if k >= 10 else "")
            opd = create_opd(s, f"9.{k:02d}.01", name)
            developers.append(
                create_user(s, f"dev{k}@opd{k}.contohkab.go.id", f"Dev {k}", PASSWORD, Role.DEVELOPER, opd.id)
            )
            opds.append(opd)
        s.commit()
        ids = {"reviewer": reviewer.id, "admin": admin.id}
        policy = letters.policy(settings)
        for i in range(n + 300):
            k = rng.randrange(40)
            filename, content, _ = rng.choices(documents, weights)[0]
            meta = _metadata(rng, opds[k].nama, year, i) if rng.random() < 0.7 else None
            stored = flow.submit(
                s,
                Actor(developers[k]),
                f"Aplikasi {i:04d} {opds[k].nama}",
                Upload({filename: content}, filename),
                metadata=meta,
            )
            if i < n:
                passed = stored.assessment.verdict == "pass"
                flow.decide(
                    s, Actor(reviewer), stored.submission, Outcome.APPROVE, "Bench.", override=not passed, policy=policy
                )
            if (i + 1) % 250 == 0:
                print(f"  {i + 1} submissions", file=sys.stderr, flush=True)
        # The queue's ages: the waiting ones submitted over the last 60 days.
        waiting = s.exec(select(Submission.id).where(Submission.state == "dinilai")).all()
        now = datetime.now(UTC)
        for sid in waiting:
            s.execute(
                update(Submission)
                .where(col(Submission.id) == sid)
                .values(submitted_at=now - timedelta(days=rng.uniform(0, 60)))
            )
        # A year of daily probes for the deployments that declare a production URL.
        watched = [
            (a.id, a.approved_submission_id)
            for a, sub in s.exec(
                select(Application, Submission).join(
                    Submission, col(Submission.id) == Application.approved_submission_id
                )
            ).all()
            if (sub.x_spbe or {}).get("url_produksi")
        ]
        day = int(now.timestamp()) // 86400
        for app_id, sub_id in watched:
            down_rate = rng.choice([0.0, 0.001, 0.01, 0.03, 0.08])
            last_down = rng.random() < 0.03
            rows = []
            for d in range(365):
                ok = rng.random() >= down_rate and not (last_down and d == 364)
                rows.append(
                    {
                        "application_id": app_id,
                        "submission_id": sub_id,
                        "slot": day - 364 + d,
                        "at": now - timedelta(days=364 - d),
                        "url": "https://app.contohkab.go.id/v1/health",
                        "ok": ok,
                        "status": 200 if ok else None,
                        "latency_ms": rng.uniform(20, 300),
                        "error": "" if ok else "timeout",
                    }
                )
            s.execute(insert(Probe), rows)  # one statement per deployment: 365 rows
            s.commit()
        # Last year's evaluation, as recorded.
        before = Evaluation(year=year, deadline=date(year, 3, 31), rules={}, closed_at=now - timedelta(days=200))
        s.add(before)
        s.flush()
        for app in s.exec(select(Application).where(col(Application.approved_submission_id).is_not(None))).all():
            if rng.random() < 0.8:
                s.add(
                    EvaluationItem(
                        evaluation_id=before.id or 0,
                        application_id=app.id or 0,
                        submission_id=app.approved_submission_id or 0,
                        level=rng.choice([1, 2, 2, 3, 3, 4]),
                        outcome=rng.choice(list(EvaluationOutcome)[1:]),
                        availability=rng.choice([None, 91.0, 97.5, 99.9]),
                    )
                )
        s.commit()
        ids["opd"] = opds[0].id
    return ids


def evaluate(app: Any, settings: Any, ids: dict[str, Any], n: int, workers: int) -> tuple[float, float, int, float]:
    from gate.jobs import dispatcher_for
    from gate.jobs.local import LocalPool
    from gate.models import EvaluationItem, Job, JobKind, JobState, User
    from gate.services import evaluation as cycle
    from gate.services.audit import Actor

    year = date.today().year + 1
    with Session(app.state.engine) as s, LocalPool(settings, workers=workers, poll_s=0.5):
        admin = s.get(User, ids["admin"])
        assert admin is not None
        started = time.perf_counter()
        evaluation, added = cycle.open_evaluation(
            s,
            Actor(admin),
            year,
            date.today() + timedelta(days=30),
            settings.profile().evaluation,
            settings,
            dispatcher_for(settings),
        )
        opened = time.perf_counter() - started
        assert added == n, (added, n)
        while True:
            done, failed = (
                s.exec(
                    select(func.count()).select_from(Job).where(Job.kind == JobKind.EVALUATE, Job.state == state)
                ).one()
                for state in (JobState.DONE, JobState.FAILED)
            )
            if done + failed >= n:
                break
            time.sleep(1)
        evaluated = time.perf_counter() - started
        print(f"  evaluated {done} (failed {failed}) in {evaluated:.0f} s", file=sys.stderr, flush=True)
        # 75% of the OPDs answer in time (recorded as the confirmation form would).
        items = s.exec(select(EvaluationItem.id).where(EvaluationItem.evaluation_id == evaluation.id)).all()
        answered = [i for i in items if random.Random(i).random() < 0.75]
        s.execute(
            update(EvaluationItem).where(col(EvaluationItem.id).in_(answered)).values(confirmed_at=datetime.now(UTC))
        )
        s.commit()
        s.refresh(evaluation)
        started = time.perf_counter()
        counts = cycle.close(s, Actor(admin), evaluation, settings)
        closed = time.perf_counter() - started
        print(f"  closed in {closed:.0f} s: {counts}", file=sys.stderr, flush=True)
    return opened, evaluated, int(failed), closed


def pages(app: Any, ids: dict[str, Any], repeat: int) -> dict[str, Timing]:
    from fastapi.testclient import TestClient

    year = date.today().year + 1
    client = TestClient(app)
    r = client.post("/api/v1/auth/login", json={"email": REVIEWER, "password": PASSWORD})
    r.raise_for_status()
    paths = [
        "/dasbor",
        f"/laporan/{year}",
        f"/laporan/{year}?opd={ids['opd']}",
        f"/api/v1/reports/evaluations/{year}",
        "/antrean",
        "/antrean?q=dinas+kesehatan&urut=tingkat&siklus=production",
    ]
    out = {}
    for path in paths:
        times, cpu = [], []
        for _ in range(repeat + 1):
            started, started_cpu = time.perf_counter(), time.process_time()
            r = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"{path}: HTTP {r.status_code}")
        out[path] = Timing(times[0], statistics.median(times[1:]), _pct(times[1:], 0.9), statistics.median(cpu[1:]))
    return out


def _analyze(settings: Any) -> None:
    """PostgreSQL plans from its statistics; a long-lived database has them (autovacuum), a
    freshly filled one not yet."""
    if settings.database_url:
        with create_engine(settings.sqlalchemy_url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("ANALYZE"))


def pages_only(url: str, repeat: int) -> dict[str, Timing]:
    """The pages again on a database a run left behind (``--pages URL``), in a fresh process."""
    from gate.core.config import Settings
    from gate.main import create_app
    from gate.models import Opd

    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="spbe-bench-pages-")),
        database_url=url if not url.startswith("sqlite") else "",
        secret_key=secrets.token_urlsafe(32),
    )
    if url.startswith("sqlite"):
        settings = Settings(data_dir=Path(url.removeprefix("sqlite:///")).parent, secret_key=secrets.token_urlsafe(32))
    app = create_app(settings)
    with Session(app.state.engine) as s:
        opd = s.exec(select(Opd).order_by(col(Opd.id))).first()
    return pages(app, {"opd": opd.id if opd else 1}, repeat)


def run(db: str, args: argparse.Namespace) -> Result:
    from gate.main import create_app

    data = Path(tempfile.mkdtemp(prefix="spbe-bench-eval-"))
    settings = _settings(db, data)
    app = create_app(settings)
    rng = random.Random(17)
    print(f"{db}: set-up", file=sys.stderr, flush=True)
    started = time.perf_counter()
    ids = setup(app, settings, args.applications, rng)
    setup_s = time.perf_counter() - started
    print(f"  set-up {setup_s:.0f} s", file=sys.stderr, flush=True)
    opened, evaluated, failed, closed = evaluate(app, settings, ids, args.applications, args.workers)
    _analyze(settings)
    timings = pages(app, ids, args.repeat)
    app.state.engine.dispose()
    return Result(db, args.applications, setup_s, opened, evaluated, failed, closed, timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--pages", metavar="URL", help="only time the pages, on a database a run left behind")
    args = parser.parse_args()
    if args.pages:
        print("| page | first | median | p90 | CPU (median) |\n|---|---:|---:|---:|---:|")
        for path, t in pages_only(args.pages, args.repeat).items():
            print(f"| `{path}` | {t.first_ms:.0f} ms | {t.median_ms:.0f} ms | {t.p90_ms:.0f} ms | {t.cpu_ms:.0f} ms |")
        return
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = [run(db, args) for db in dbs]
    print("\n| database | applications | set-up | evaluation opened | opened + all reassessed | failed jobs | closed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.db} | {r.applications} | {r.setup_s:.0f} s | {r.open_s:.1f} s | {r.evaluate_s:.0f} s "
            f"({r.evaluate_s / 60:.1f} min) | {r.failed_jobs} | {r.close_s:.0f} s |"
        )
    print("\n| database | page | first | median | p90 | CPU (median) |")
    print("|---|---|---:|---:|---:|---:|")
    for r in results:
        for path, t in r.pages.items():
            print(
                f"| {r.db} | `{path}` | {t.first_ms:.0f} ms | {t.median_ms:.0f} ms | {t.p90_ms:.0f} ms "
                f"| {t.cpu_ms:.0f} ms |"
            )
    if args.json:
        args.json.write_text(
            json.dumps([r.__dict__ | {"pages": {k: v.__dict__ for k, v in r.pages.items()}} for r in results], indent=2)
        )


if __name__ == "__main__":
    main()
