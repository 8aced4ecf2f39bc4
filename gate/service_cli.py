"""``spbe-gate serve``, ``db upgrade``, ``admin ...``, ``demo`` and ``submit``: the service's commands.

Kept apart from ``cli.py`` so that ``spbe-gate check`` never imports the web stack.
"""

from __future__ import annotations

import argparse
import getpass
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

from rules.i18n import Text

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: What ``serve --demo`` allows contract runs to reach when GATE_CONTRACT_ALLOW says nothing.
DEMO_ALLOW = ("127.0.0.1/32", "::1/128")


class CommandError(Exception):
    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


def register(sub: Any) -> None:
    serve = sub.add_parser(
        "serve",
        help="jalankan layanan web / run the web service",
        description="Jalankan layanan SPBE Gate; pengaturan dari variabel GATE_* atau .env. / Run the SPBE Gate "
        "service; settings from GATE_* variables or .env.",
    )
    # Defaults are the typed settings' (GATE_HOST, GATE_PORT, GATE_WORKERS), read when serve runs.
    serve.add_argument(
        "--host", metavar="HOST", help="alamat dengar (bawaan GATE_HOST atau 127.0.0.1) / listen address"
    )
    serve.add_argument(
        "--port", type=int, metavar="PORT", help="porta (bawaan GATE_PORT atau 8000) / port (GATE_PORT or 8000)"
    )
    serve.add_argument("--demo", action="store_true", help="muat data demo dulu / load the demo data first")
    serve.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="proses web, mis. satu per inti CPU (bawaan GATE_WORKERS atau 1) / web processes, e.g. one per CPU core",
    )
    serve.add_argument("--no-access-log", action="store_true", help="tanpa log akses / no access log")
    serve.add_argument(
        "--job-workers",
        type=int,
        metavar="N",
        help="proses pekerja tugas lokal (bawaan GATE_JOB_WORKERS=2) / local job worker processes",
    )
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="pekerja Celery untuk tugas (GATE_JOBS=celery) / a Celery worker for jobs",
        description="Jalankan pekerja Celery yang mengambil tugas (uji kontrak, penilaian besar) dari broker "
        "GATE_BROKER_URL. / Run a Celery worker taking jobs from the GATE_BROKER_URL broker.",
    )
    worker.add_argument(
        "--concurrency", type=int, default=2, metavar="N", help="proses pekerja / worker processes (default 2)"
    )
    worker.add_argument(
        "--loglevel",
        default="INFO",
        type=str.upper,
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        help="tingkat log Celery / Celery's log level (default INFO)",
    )
    worker.set_defaults(func=cmd_worker)

    db = sub.add_parser("db", help="basis data / database")
    db_sub = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_sub.add_parser("upgrade", help="terapkan migrasi / apply migrations")
    upgrade.set_defaults(func=cmd_db_upgrade)

    admin = sub.add_parser("admin", help="administrasi / administration")
    admin_sub = admin.add_subparsers(dest="admin_command", metavar="COMMAND", required=True)
    opd = admin_sub.add_parser("create-opd", help="tambah OPD / add an OPD")
    opd.add_argument("--kode", required=True, help="kode OPD (kode unit kerja) / OPD code")
    opd.add_argument("--nama", required=True, help="nama OPD / OPD name")
    opd.set_defaults(func=cmd_create_opd)
    user = admin_sub.add_parser("create-user", help="tambah pengguna / add a user")
    user.add_argument("--email", required=True, help="surel, untuk masuk / e-mail, to sign in")
    user.add_argument("--nama", required=True, help="nama lengkap / full name")
    user.add_argument(
        "--role",
        choices=("developer", "reviewer", "admin"),
        default="admin",
        help="peran: pengembang OPD, peninjau Diskominfo, administrator / role (default: admin)",
    )
    user.add_argument("--opd", metavar="KODE", help="kode OPD (untuk developer) / OPD code (for a developer)")
    user.add_argument(
        "--password-env", metavar="VAR", help="ambil kata sandi dari variabel lingkungan / read the password from VAR"
    )
    user.set_defaults(func=cmd_create_user)

    demo = sub.add_parser("demo", help="muat kabupaten demo / load the demo kabupaten")
    demo.set_defaults(func=cmd_demo)

    submit = sub.add_parser(
        "submit",
        help="ajukan ke layanan (CI) / submit to the service (CI)",
        description="Unggah dokumen ke layanan SPBE Gate sebagai versi baru aplikasinya dan cetak putusannya. "
        "Keluar 0 lulus, 1 tidak lulus, 2 galat. / Upload a document to the SPBE Gate service as a new version of "
        "its application and print the verdict. Exit 0 passed, 1 not, 2 error.",
    )
    submit.add_argument("path", metavar="PATH", help="berkas akar atau foldernya / root file or its folder")
    submit.add_argument(
        "--server", metavar="URL", help="URL layanan (atau SPBE_GATE_SERVER) / service URL (or SPBE_GATE_SERVER)"
    )
    submit.add_argument(
        "--token",
        metavar="TOKEN",
        help="token CI OPD (atau SPBE_GATE_TOKEN, lebih aman) / the OPD's CI token (or SPBE_GATE_TOKEN, safer)",
    )
    submit.add_argument(
        "--application",
        metavar="NAMA",
        help="nama aplikasi; bawaan: info.title dokumen, sehingga pengajuan ulang menjadi versi baru aplikasi yang "
        "sama / application name; default: the document's info.title, so a resubmission is a new version of it",
    )
    submit.add_argument(
        "--staging-url", metavar="URL", help="URL staging untuk uji kontrak / staging URL for contract tests"
    )
    submit.add_argument(
        "--format", "-f", choices=("text", "json"), default="text", help="keluaran / output (default: text)"
    )
    submit.add_argument(
        "--lang", choices=("id", "en"), help="bahasa keluaran / output language (default: id, or SPBE_GATE_LANG)"
    )
    submit.set_defaults(func=cmd_submit)


def _settings() -> Any:
    from pydantic import ValidationError

    from gate.core.config import get_settings

    try:
        return get_settings()
    except ValidationError as exc:  # a mistyped GATE_* variable: say which, no traceback
        names = [f"GATE_{'_'.join(map(str, e['loc'])).upper()}" for e in exc.errors()]
        given = "; ".join(f"{name}={e.get('input')!r}" for name, e in zip(names, exc.errors(), strict=True))
        reasons = "; ".join(f"{name}: {e['msg']}" for name, e in zip(names, exc.errors(), strict=True))
        raise CommandError(Text(f"pengaturan tidak sah: {given}", f"invalid settings: {reasons}")) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from gate.core.server import PROTOCOL
    from gate.main import create_app

    settings = _settings()
    for option in ("host", "port", "workers"):  # the command line wins over GATE_HOST, GATE_PORT, GATE_WORKERS
        if getattr(args, option) is None:
            setattr(args, option, getattr(settings, option))
    if args.demo and not settings.contract_allow:
        # The demonstration application it ships runs on this machine: let its runs reach it.
        settings.contract_allow = list(DEMO_ALLOW)
        os.environ["GATE_CONTRACT_ALLOW"] = ",".join(DEMO_ALLOW)  # for the web workers it spawns
        print(
            "SPBE Gate: demo: uji kontrak diizinkan ke 127.0.0.1 (aplikasi demonstrasi) "
            "/ demo: contract runs may reach 127.0.0.1 (the demonstration application)",
            file=sys.stderr,
        )
    app = create_app(settings)
    if args.demo:
        from gate.demo import load_demo

        print(load_demo(app.state.engine), file=sys.stderr)
    print(
        f"SPBE Gate: http://{args.host}:{args.port}/  (data: {settings.sqlalchemy_url.split('@')[-1]})", file=sys.stderr
    )
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "info",
        "proxy_headers": False,
        "access_log": not args.no_access_log,
        "http": PROTOCOL,
    }
    jobs = _start_jobs(settings, args.job_workers)
    scheduler = None
    if settings.monitor:
        from gate.jobs.scheduler import Scheduler

        # Probe rounds: scheduled by whichever serve process holds the lease, run by the workers.
        scheduler = Scheduler(settings, app.state.dispatcher).start()
    try:
        _run_server(app, args, options)
    finally:
        if scheduler is not None:
            scheduler.stop()
        jobs.stop()
    return EXIT_PASS


def _start_jobs(settings: Any, workers: int | None) -> Any:
    """The local pool of job workers, or in Celery mode the reaper that watches the job table."""
    if settings.jobs == "celery":
        from gate.jobs.celery_app import Reaper

        print(
            f"SPBE Gate: tugas di pekerja Celery / jobs on Celery workers ({settings.broker_url.split('@')[-1]})",
            file=sys.stderr,
        )
        return Reaper(settings).start()
    from gate.jobs.local import LocalPool

    pool = LocalPool(settings, workers).start()
    print(f"SPBE Gate: {pool.size} pekerja tugas lokal / local job workers", file=sys.stderr)
    return pool


def _run_server(app: Any, args: argparse.Namespace, options: dict[str, Any]) -> None:
    import gc

    import uvicorn

    if args.workers > 1:
        # Each worker builds its own app from the same environment; migrations ran above, once.
        uvicorn.run("gate.main:served_app", factory=True, workers=args.workers, **options)
    else:
        from gate.main import warm

        warm(app)  # as served_app() does in each worker
        gc.freeze()
        uvicorn.run(app, **options)


def cmd_worker(args: argparse.Namespace) -> int:
    from gate.core.migrate import upgrade
    from gate.jobs.celery_app import celery_app

    settings = _settings()
    if settings.jobs != "celery":
        print(
            "SPBE Gate: GATE_JOBS bukan 'celery'; layanan tidak akan mengirim tugas ke pekerja ini. "
            "/ GATE_JOBS is not 'celery'; the service will not send jobs to this worker.",
            file=sys.stderr,
        )
    if settings.secret_key or settings.secret_key_file:
        print(
            "SPBE Gate: pekerja ini memegang GATE_SECRET_KEY, kunci penanda tangan sesi; berikan GATE_JOB_KEY saja. "
            "/ this worker holds GATE_SECRET_KEY, the session-signing key; give it GATE_JOB_KEY only.",
            file=sys.stderr,
        )
    upgrade(settings)  # a worker may start before the service: the job table must exist
    # The worker runs untrusted documents: it keeps only the key that opens sealed credentials.
    settings = settings.without_secrets(keep_job_key=True)
    from gate.jobs import yield_to_pages

    yield_to_pages(settings)  # inherited by Celery's pool processes
    celery_app(settings).worker_main(
        ["worker", f"--concurrency={args.concurrency}", f"--queues={settings.job_queue}", f"--loglevel={args.loglevel}"]
    )
    return EXIT_PASS


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from gate.core.migrate import upgrade

    upgrade(_settings())
    print("ok")
    return EXIT_PASS


def _engine() -> Any:
    from gate.core.db import engine_for
    from gate.core.migrate import upgrade

    settings = _settings()
    upgrade(settings)
    return engine_for(settings.sqlalchemy_url)


def cmd_create_opd(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from gate.services.accounts import AccountError, create_opd

    with Session(_engine()) as session:
        try:
            opd = create_opd(session, args.kode, args.nama)
        except AccountError as exc:
            raise CommandError(Text(f"OPD tidak dibuat: {exc.text.id}", f"OPD not created: {exc.text.en}")) from None
        session.commit()
        print(f"OPD {opd.kode} ({opd.id})")
    return EXIT_PASS


def cmd_create_user(args: argparse.Namespace) -> int:
    from sqlmodel import Session, select

    from gate.models import Opd, Role
    from gate.services.accounts import AccountError, create_user

    password = os.environ.get(args.password_env, "") if args.password_env else ""
    if not password:
        password = getpass.getpass("Kata sandi / password: ")
    with Session(_engine()) as session:
        opd_id = None
        if args.opd:
            opd = session.exec(select(Opd).where(Opd.kode == args.opd)).first()
            if opd is None:
                raise CommandError(Text(f"OPD {args.opd} tidak dikenal", f"unknown OPD {args.opd}"))
            opd_id = opd.id
        try:
            user = create_user(session, args.email, args.nama, password, Role(args.role), opd_id)
        except AccountError as exc:
            raise CommandError(
                Text(f"pengguna tidak dibuat: {exc.text.id}", f"user not created: {exc.text.en}")
            ) from None
        session.commit()
        print(f"{user.email} ({user.role.value})")
    return EXIT_PASS


def cmd_demo(args: argparse.Namespace) -> int:
    from gate.demo import load_demo

    print(load_demo(_engine()))
    return EXIT_PASS


def _payload(path: Path) -> tuple[str, bytes, str | None, bytes]:
    """One file as is; a folder (multi-file document) as a zip with its root named. Last: the root
    file's bytes, whose ``info.title`` names the application."""
    from gate.cli import ROOT_NAMES

    if path.is_file():
        content = path.read_bytes()
        return path.name, content, None, content
    if not path.is_dir():
        raise CommandError(Text(f"berkas tidak ditemukan: {path}", f"no such file: {path}"))
    root = next((n for n in ROOT_NAMES if (path / n).is_file()), None)
    if root is None:
        raise CommandError(Text(f"folder {path} tidak memuat openapi.yaml", f"folder {path} holds no openapi.yaml"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(path.rglob("*")):
            if file.is_file() and file.suffix.lower() in (".yaml", ".yml", ".json") and not file.is_symlink():
                archive.write(file, file.relative_to(path).as_posix())
    return f"{path.name or 'dokumen'}.zip", buf.getvalue(), root, (path / root).read_bytes()


def _title(name: str, content: bytes) -> str:
    """The document's ``info.title``, as the service's own upload form takes it: the service
    matches it to the OPD's application of the same slug, so a resubmission is a new version."""
    from rules.parsing import SourceError, parse_bytes

    try:
        data = parse_bytes(content, name).data
    except SourceError:
        return ""
    info = data.get("info") if isinstance(data, dict) else None
    title = info.get("title") if isinstance(info, dict) else None
    return title.strip()[:300] if isinstance(title, str) else ""


def _application_name(args: argparse.Namespace, name: str, root_content: bytes, lang: str) -> str:
    if args.application:
        return str(args.application)
    title = _title(name, root_content)
    if title:
        return title
    # No title to go by (an unreadable document is still submitted, to get its report): the folder.
    fallback = Path(args.path).resolve()
    fallback_name = (fallback if fallback.is_dir() else fallback.parent).name or "aplikasi"
    note = Text(
        f"dokumen tanpa info.title; diajukan sebagai aplikasi '{fallback_name}' (pakai --application)",
        f"the document has no info.title; submitted as application '{fallback_name}' (use --application)",
    )
    print(f"spbe-gate: {note.en if lang == 'en' else note.id}", file=sys.stderr)
    return fallback_name


def _wait_for_job(client: Any, job: dict[str, Any], lang: str, timeout_s: float = 1800) -> dict[str, Any]:
    """A large document is assessed by a job: wait for it, then read the assessment it made."""
    import time

    deadline = time.monotonic() + timeout_s
    while job["state"] not in ("selesai", "gagal"):
        if time.monotonic() > deadline:
            raise CommandError(Text("penilaian belum selesai; coba lagi nanti", "the assessment is not finished yet"))
        time.sleep(1)
        job = client.get(f"/api/v1/jobs/{job['id']}").json()
    if job["state"] == "gagal":
        reason = (job.get("error") or {}).get("en" if lang == "en" else "id", "")
        raise CommandError(Text(f"penilaian gagal: {reason}", f"the assessment failed: {reason}"))
    found = client.get(f"/api/v1/submissions/{job['submission_id']}/assessments").json()
    chosen = next((a for a in found if a["id"] == job["assessment_id"]), None)
    if chosen is None:
        raise CommandError(Text("penilaian tidak ditemukan", "the assessment was not found"))
    return dict(chosen)


def cmd_submit(args: argparse.Namespace) -> int:
    import httpx

    server = args.server or os.environ.get("SPBE_GATE_SERVER")
    token = args.token or os.environ.get("SPBE_GATE_TOKEN")
    if not server or not token:
        raise CommandError(
            Text(
                "--server dan --token (atau SPBE_GATE_SERVER, SPBE_GATE_TOKEN) wajib",
                "--server and --token (or SPBE_GATE_SERVER, SPBE_GATE_TOKEN) are required",
            )
        )
    lang = "en" if (args.lang or os.environ.get("SPBE_GATE_LANG", "id")).startswith("en") else "id"
    name, content, root, root_content = _payload(Path(args.path))
    data: dict[str, str] = {"application": _application_name(args, root or name, root_content, lang)}
    if root:
        data["root"] = root
    if args.staging_url:
        data["staging_url"] = args.staging_url
    try:
        with httpx.Client(base_url=server, timeout=300, headers={"Authorization": f"Bearer {token}"}) as client:
            r = client.post("/api/v1/submissions", data=data, files={"file": (name, content)}, params={"lang": lang})
            if r.status_code != 201:
                detail = (
                    r.json().get("detail", r.text) if r.headers.get("content-type", "").endswith("json") else r.text
                )
                raise CommandError(
                    Text(f"layanan menolak ({r.status_code}): {detail}", f"rejected ({r.status_code}): {detail}")
                )
            body = r.json()
            assessment = body["assessment"] or _wait_for_job(client, body["job"], lang)
            report = client.get(body["report_url"]).json()
    except httpx.HTTPError as exc:
        # httpx words its reasons in English: the Indonesian message names the kind of failure.
        raise CommandError(
            Text(f"layanan tidak terjangkau: {server} ({type(exc).__name__})", f"service unreachable: {server} ({exc})")
        ) from None
    verdict = assessment["verdict"]
    if args.format == "json":
        import json

        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_submitted(server, data["application"], body["submission"], assessment, report, lang))
    return EXIT_PASS if verdict == "pass" else EXIT_FAIL


def _submitted(
    server: str, application: str, submission: dict[str, Any], assessment: dict[str, Any], report: Any, lang: str
) -> str:
    """What CI prints: the verdict in a line, and the submission's page (where the report and the
    review are), not the API's address."""
    summary = report.get("summary", {}) if isinstance(report, dict) else {}
    errors, warnings = summary.get("error", 0), summary.get("warning", 0)
    page = f"{server.rstrip('/')}/pengajuan/{submission['id']}"
    if lang == "en":
        verdict = {"pass": "PASSED", "fail": "NOT PASSED"}[assessment["verdict"]]
        return (
            f"{verdict}: level {assessment['level']} · score {assessment['score']} · "
            f"{errors} errors, {warnings} warnings\n"
            f"{application}, version {submission['number']}: {page}"
        )
    verdict = {"pass": "LULUS", "fail": "TIDAK LULUS"}[assessment["verdict"]]
    return (
        f"{verdict}: tingkat {assessment['level']} · skor {assessment['score']} · "
        f"{errors} galat, {warnings} peringatan\n"
        f"{application}, versi {submission['number']}: {page}"
    )
