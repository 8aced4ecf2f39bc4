"""Service benchmark: submissions per second and page latency under concurrent users, on SQLite and PostgreSQL.

    .venv/bin/python bench/service.py                       # both databases (PostgreSQL when reachable)
    .venv/bin/python bench/service.py --db sqlite --users 50 --seconds 20

For each database: a fresh data folder (and a fresh PostgreSQL schema), `spbe-gate serve` started
as its own process on 127.0.0.1, then

1. the engine's own time on the document, in a fresh process (median of --engine-runs);
2. --submissions sequential submissions of the document through the API with a CI token
   (client-side latency; the service's overhead is its median minus the engine's), then the same
   number again from 4 clients at once (throughput);
3. every submission approved, so the catalogue holds them; then --users concurrent signed-in users,
   each loading the report page (/pengajuan/{id}, the engine's report inside the site) and the
   catalogue page (/katalog) in turn for --seconds; p50/p99 per page.

The load generator runs on the same machine as the service (2 cores here): it takes CPU from the
service, so the latencies are an upper bound of what the service alone would show.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from loadgen import timed_get
from sqlalchemy import create_engine, text
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "specs"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "kata-sandi-bench-123"
DEV, REVIEWER = "dev@opd.contohkab.go.id", "reviewer@diskominfo.contohkab.go.id"


@dataclass
class Result:
    db: str
    engine_ms: float
    submit_ms: float
    submit_p90_ms: float
    sequential_per_s: float
    concurrent_per_s: float
    #: Bytes stored per submission for its files and its archived report (as the database holds them).
    stored_kb: float
    #: (think time, page -> latencies, requests, seconds) per load run.
    loads: list[tuple[float, dict[str, list[float]], int, float]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _prepare(env: dict[str, str]) -> str:
    """Migrate, create an OPD, a developer and a reviewer; returns the developer's CI token."""
    os.environ.update(env)
    from gate.core.config import Settings
    from gate.main import create_app
    from gate.models import Role
    from gate.services.accounts import create_opd, create_token, create_user
    from gate.services.audit import Actor

    app = create_app(Settings())
    with Session(app.state.engine) as s:
        opd = create_opd(s, "9.99.01", "Dinas Uji Beban")
        dev = create_user(s, DEV, "Dewi", PASSWORD, Role.DEVELOPER, opd.id)
        create_user(s, REVIEWER, "Rina", PASSWORD, Role.REVIEWER)
        _, token = create_token(s, Actor(dev), "bench")
        s.commit()
    app.state.engine.dispose()
    return token


def _engine_ms(path: Path, runs: int) -> float:
    """The engine's own time on the document, in a fresh process as `spbe-gate check` would run it.

    Not in this process: it holds an app from ``_prepare``, and the garbage collector's passes over
    that heap would be counted as the engine's time (about +40% here).
    """
    code = (
        "import statistics, sys, time\n"
        "from gate.services.submissions import run_assessment\n"
        "path, runs = sys.argv[1], int(sys.argv[2])\n"
        "document, times = open(path, 'rb').read(), []\n"
        "for _ in range(runs + 1):\n"
        "    t = time.perf_counter(); run_assessment({'doc.json': document}, 'doc.json', [])\n"
        "    times.append((time.perf_counter() - t) * 1000)\n"
        "print(statistics.median(times[1:]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path), str(runs)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _submit(client: httpx.Client, name: str, document: bytes, filename: str) -> tuple[int, float]:
    started = time.perf_counter()
    r = client.post("/api/v1/submissions", data={"application": name}, files={"file": (filename, document)})
    elapsed = (time.perf_counter() - started) * 1000
    r.raise_for_status()
    return int(r.json()["submission"]["id"]), elapsed


def _sign_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    r = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    r.raise_for_status()
    client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return client


async def _load(
    base: str, cookie: str, pages: list[str], users: int, seconds: float, think: float
) -> dict[str, list[float]]:
    """``users`` signed-in users loading ``pages`` in turn; ``think`` s (mean) between two pages, 0: none."""
    latencies: dict[str, list[float]] = {p: [] for p in pages}
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base, cookies={"spbe_gate_session": cookie}, limits=limits, timeout=60) as c:

        async def user(i: int) -> None:
            turn = i
            if think:
                # Users arrive spread over one think time, as they would, not all in the same millisecond.
                await asyncio.sleep(random.uniform(0, think))
            while time.perf_counter() < deadline:
                path = pages[turn % len(pages)]
                turn += 1
                elapsed = await timed_get(c, path)
                latencies[path].append(elapsed)
                if think:
                    await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))

        await asyncio.gather(*(user(i) for i in range(users)))
    return latencies


def run(db: str, args: argparse.Namespace, document: bytes, filename: str) -> Result:
    data = Path(tempfile.mkdtemp(prefix="spbe-bench-"))
    env = {"GATE_DATA_DIR": str(data), "GATE_SECRET_KEY": secrets.token_urlsafe(32)}
    schema = None
    if db == "postgresql":
        schema = "bench_" + secrets.token_hex(4)
        with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        env["GATE_DATABASE_URL"] = f"{PG_URL}?options=-csearch_path%3D{schema}"
    token = _prepare(env)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gate", "serve", "--port", str(port), "--workers", str(args.workers)]
    server = subprocess.Popen(
        [*command, "--no-access-log"], env={**os.environ, **env}, stderr=subprocess.DEVNULL, cwd=data
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/v1/kesehatan", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.2)

        engine_ms = _engine_ms(args.document, args.engine_runs)
        ci = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        _submit(ci, "Pemanasan", document, filename)  # warm-up: imports, caches, first connection
        ids, latencies = [], []
        started = time.perf_counter()
        for i in range(args.submissions):
            sid, elapsed = _submit(ci, f"Aplikasi Uji {i:03d}", document, filename)
            ids.append(sid)
            latencies.append(elapsed)
        sequential_per_s = args.submissions / (time.perf_counter() - started)

        async def together() -> float:
            async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
                sem = asyncio.Semaphore(4)

                async def one(i: int) -> None:
                    async with sem:
                        r = await c.post(
                            "/api/v1/submissions",
                            data={"application": f"Aplikasi Paralel {i:03d}"},
                            files={"file": (filename, document)},
                        )
                        r.raise_for_status()

                t0 = time.perf_counter()
                await asyncio.gather(*(one(i) for i in range(args.submissions)))
                return args.submissions / (time.perf_counter() - t0)

        concurrent_per_s = asyncio.run(together())
        stored_kb = _stored_kb()

        reviewer = _sign_in(base, REVIEWER)
        for sid in ids:
            reviewer.post(
                f"/api/v1/submissions/{sid}/decisions",
                json={"outcome": "disetujui", "reason": "Uji beban: disetujui.", "override": True},
            ).raise_for_status()
        cookie = reviewer.cookies["spbe_gate_session"]
        pages = [f"/pengajuan/{ids[len(ids) // 2]}", "/katalog"]
        # The pages really are the report and the catalogue, not an error page.
        check = httpx.get(base + pages[0], cookies={"spbe_gate_session": cookie})
        assert "Laporan Penilaian SPBE Gate" in check.text, check.status_code
        listing = httpx.get(base + pages[1], cookies={"spbe_gate_session": cookie}).text
        assert len(re.findall(r'href="/katalog/\d+"', listing)) >= args.submissions
        # Warm-up: each worker process keeps the pages' reports in memory once built.
        with httpx.Client(base_url=base, cookies={"spbe_gate_session": cookie}, timeout=60) as warm:
            for _ in range(10):
                for path in pages:
                    warm.get(path).raise_for_status()
        loads = []
        for think in (args.think, 0.0):
            t0 = time.perf_counter()
            pages_ms = asyncio.run(_load(base, cookie, pages, args.users, args.seconds, think))
            named = {("report" if p.startswith("/pengajuan") else "catalogue"): v for p, v in pages_ms.items()}
            loads.append((think, named, sum(len(v) for v in named.values()), time.perf_counter() - t0))
        return Result(
            db=db,
            engine_ms=engine_ms,
            submit_ms=statistics.median(latencies),
            submit_p90_ms=_pct(latencies, 0.9),
            sequential_per_s=sequential_per_s,
            concurrent_per_s=concurrent_per_s,
            stored_kb=stored_kb,
            loads=loads,
        )
    finally:
        server.terminate()
        server.wait(30)
        if schema:
            with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


def _stored_kb() -> float:
    """What the database holds per submission for its files and report (the column values' bytes)."""
    from gate.core.config import Settings

    url = Settings().sqlalchemy_url
    size = "length" if url.startswith("sqlite") else "octet_length"
    engine = create_engine(url)
    with engine.connect() as conn:
        files = conn.execute(text(f"SELECT sum({size}(content)) FROM submissionfile")).scalar_one()
        reports = conn.execute(text(f"SELECT sum({size}(report)), count(*) FROM assessment")).one()
    engine.dispose()
    return (files + reports[0]) / reports[1] / 1024


def _postgres() -> bool:
    try:
        with create_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--document", type=Path, default=SPECS / "twilio_messaging_v1.json")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--engine-runs", type=int, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--think", type=float, default=1.0, help="mean think time of a user between pages (s)")
    parser.add_argument("--workers", type=int, default=2, help="service worker processes (default: one per core)")
    args = parser.parse_args()
    if not args.document.exists():
        print(f"{args.document} is missing (../shared/specs/)", file=sys.stderr)
        return 2
    document = args.document.read_bytes()
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in dbs and not _postgres():
        print("PostgreSQL at 127.0.0.1:5432 is not reachable: skipped", file=sys.stderr)
        dbs.remove("postgresql")
    results = [run(db, args, document, args.document.name) for db in dbs]
    print(
        f"Measured {date.today()} on 2 cores: {args.document.name} ({len(document) / 1024:.0f} KB), "
        f"`spbe-gate serve --workers {args.workers}` on 127.0.0.1, load generator on the same machine."
    )
    print()
    print(
        "| database | engine alone | submission (median / p90) | service overhead | submissions/s (1 / 4 clients) "
        "| stored per submission |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        overhead = (r.submit_ms - r.engine_ms) / r.engine_ms * 100
        print(
            f"| {r.db} | {r.engine_ms:.0f} ms | {r.submit_ms:.0f} / {r.submit_p90_ms:.0f} ms | {overhead:+.0f}% "
            f"| {r.sequential_per_s:.1f} / {r.concurrent_per_s:.1f} | {r.stored_kb:.0f} KB |"
        )
    print()
    print(f"| database | {args.users} users | report page p50 / p99 | catalogue page p50 / p99 | pages/s |")
    print("|---|---|---:|---:|---:|")
    for r in results:
        for think, named, requests, seconds in r.loads:
            mode = f"{think:g} s think time" if think else "no think time (saturation)"
            rep, cat = named["report"], named["catalogue"]
            print(
                f"| {r.db} | {mode} | {_pct(rep, 0.5):.0f} / {_pct(rep, 0.99):.0f} ms "
                f"| {_pct(cat, 0.5):.0f} / {_pct(cat, 0.99):.0f} ms | {requests / seconds:.0f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
