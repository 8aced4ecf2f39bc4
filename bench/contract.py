"""Contract-run benchmark: one default run of the demonstration application, and the throughput of
concurrent runs on the local job pool with 1, 2 and 4 worker processes.

    .venv/bin/python bench/contract.py                    # --runs 3 --jobs 8 --workers 1 2 4
    .venv/bin/python bench/contract.py --jobs 12 --workers 1 2

1. `spbe-gate test examples/layanan-perizinan/openapi.yaml --base-url ...` at default budgets, as
   its own process (imports included), against the good variant of the demonstration application
   (`examples/layanan-perizinan/server.py`, 10 operations) on 127.0.0.1; median of --runs.
2. --jobs contract runs queued at once through the service's job path (a SQLite data folder, the
   local pool of `spbe-gate serve` with N processes), each against the same application, at
   default budgets except --max-examples; wall time from queueing the first to the last finished.

Everything runs on this machine: the application under test, the workers and the benchmark share
its cores, so the application's own CPU limits what more workers can add.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import DEMO_APP, start_demo  # noqa: E402

AUTH = "Authorization: Bearer token-uji-perizinan"


def default_run(base: str, runs: int) -> tuple[float, list[float], str]:
    times: list[float] = []
    summary = ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "gate",
                "test",
                str(DEMO_APP / "openapi.yaml"),
                "--base-url",
                base,
                "--auth-header",
                AUTH,
                "-f",
                "json",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"the good variant did not pass (exit {done.returncode}):\n{done.stderr[-2000:]}")
        summary = done.stdout
    return statistics.median(times), times, summary


def pool_throughput(base: str, workers: int, jobs: int, max_examples: int) -> tuple[float, int]:
    """Wall time of ``jobs`` runs queued at once on a pool of ``workers``; total requests sent."""
    from sqlmodel import Session, select

    from gate.core.config import Settings
    from gate.core.db import engine_for
    from gate.jobs.local import LocalDispatcher, LocalPool
    from gate.main import create_app
    from gate.models import Job, JobState, Role
    from gate.services import contract_runs
    from gate.services.accounts import create_opd, create_user
    from gate.services.audit import Actor
    from gate.services.submissions import submit
    from gate.services.uploads import Upload

    with tempfile.TemporaryDirectory(prefix="spbe-gate-bench-") as folder:
        settings = Settings(data_dir=Path(folder), secret_key="bench", contract_allow=["127.0.0.1/32"])
        create_app(settings)  # migrations
        engine = engine_for(settings.sqlalchemy_url)
        with Session(engine) as s:
            opd = create_opd(s, "9.99", "Dinas Uji")
            user = create_user(s, "bench@example.go.id", "Bench", "kata-sandi-bench", Role.DEVELOPER, opd.id)
            s.commit()
            actor = Actor(user)
            upload = Upload({"openapi.yaml": (DEMO_APP / "openapi.yaml").read_bytes()}, "openapi.yaml")
            # One submission per run: the service runs one contract run of a submission at a time.
            submissions = [
                submit(s, actor, f"Layanan Perizinan {i}", upload, staging_url=base).submission for i in range(jobs)
            ]
            with LocalPool(settings, workers, poll_s=0.1) as pool:
                time.sleep(3)  # let the worker processes finish importing before the clock starts
                dispatcher = LocalDispatcher(settings)
                started = time.perf_counter()
                ids = [
                    contract_runs.start(
                        s,
                        actor,
                        submission,
                        contract_runs.RunRequest(base_url=base, auth="bearer", max_examples=max_examples),
                        {"token": "token-uji-perizinan"},
                        settings,
                        dispatcher,
                    ).id
                    for submission in submissions
                ]
                while True:
                    s.expire_all()
                    rows = s.exec(select(Job).where(Job.id.in_(ids))).all()  # type: ignore[union-attr]
                    if all(r.state in (JobState.DONE, JobState.FAILED) for r in rows):
                        break
                    time.sleep(0.1)
                elapsed = time.perf_counter() - started
                del pool
            failed = [r.id for r in rows if r.state is not JobState.DONE]
            if failed:
                raise SystemExit(f"jobs failed: {failed}")
            return elapsed, sum(int((r.progress or {}).get("requests", 0)) for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--max-examples", type=int, default=20, help="per operation, in the pool runs")
    args = parser.parse_args()

    demo = start_demo()
    base = next(demo)
    try:
        median, times, report = default_run(base, args.runs)
        import json

        data = json.loads(report)
        findings = len(data.get("findings", []))  # 0 expected: the good variant
        print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}.")
        print()
        print("| run | median | runs |")
        print("|---|---:|---|")
        print(
            f"| `spbe-gate test` default budgets, 10 operations | {median:.1f} s | "
            f"{', '.join(f'{t:.1f}' for t in times)} s ({findings} findings) |"
        )
        print()
        print(f"| worker processes | {args.jobs} runs took | runs per minute | requests sent | speed-up |")
        print("|---:|---:|---:|---:|---:|")
        first = 0.0
        for workers in args.workers:
            elapsed, sent = pool_throughput(base, workers, args.jobs, args.max_examples)
            first = first or elapsed
            print(
                f"| {workers} | {elapsed:.1f} s | {args.jobs / elapsed * 60:.1f} | {sent} | {first / elapsed:.2f}× |",
                flush=True,
            )
    finally:
        demo.close()


if __name__ == "__main__":
    main()
