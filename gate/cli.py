"""The ``spbe-gate`` command.

Exit codes: 0 passed, 1 not passed (including unreadable or invalid documents, which get
findings), 2 usage or I/O error (no such file, bad option, unusable profile).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gate.service_cli import CommandError
from rules import __version__
from rules.i18n import Lang, Text

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
ROOT_NAMES = ("openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json")


class UsageError(Exception):
    def __init__(self, message: Text):
        super().__init__(message.en)
        self.text = message


def _lang(value: str | None) -> Lang:
    return "en" if (value or os.environ.get("SPBE_GATE_LANG", "id")).lower().startswith("en") else "id"


def _fail(message: Text, lang: Lang) -> int:
    prefix = "galat" if lang == "id" else "error"
    print(f"spbe-gate: {prefix}: {message.get(lang)}", file=sys.stderr)
    return EXIT_USAGE


def _root_file(path: Path) -> Path:
    if path.is_dir():
        for name in ROOT_NAMES:
            if (path / name).is_file():
                return path / name
        raise UsageError(
            Text(
                f"folder {path} tidak memuat {', '.join(ROOT_NAMES[:3])}; sebutkan berkas akarnya",
                f"folder {path} holds no {', '.join(ROOT_NAMES[:3])}; name its root file",
            )
        )
    if not path.exists():
        raise UsageError(Text(f"berkas tidak ditemukan: {path}", f"no such file: {path}"))
    if not path.is_file():
        raise UsageError(Text(f"bukan berkas biasa: {path}", f"not a regular file: {path}"))
    return path


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(str(output)).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            Text(f"tidak dapat menulis {output}: {exc.strerror}", f"cannot write {output}: {exc.strerror}")
        ) from None


def _use_color(mode: str, output: str | None) -> bool:
    if mode == "always":
        return True
    if mode == "never" or output not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _profile(args: argparse.Namespace) -> Any:
    from rules.profile import Profile, ProfileError, load_profile
    from rules.registry import rules_by_id

    profile = Profile()
    if args.profile:
        try:
            profile = load_profile(Path(args.profile), rules_by_id())
        except ProfileError as exc:
            raise UsageError(Text(f"profil tidak dapat dipakai: {exc}", f"unusable profile: {exc}")) from None
    if args.fail_on:
        from rules.base import Severity

        profile = profile.with_fail_on(Severity(args.fail_on))
    return profile


def cmd_check(args: argparse.Namespace) -> int:
    """The rulebook; with ``--base-url`` also the contract tests, in one report and one verdict."""
    return _report(args, contract_only=False)


def cmd_test(args: argparse.Namespace) -> int:
    """The contract tests alone: the document's own rules are left to ``check``."""
    return _report(args, contract_only=True)


def _report(args: argparse.Namespace, *, contract_only: bool) -> int:
    from reports import render
    from rules.base import Category
    from rules.engine import assess_path
    from rules.registry import all_rules

    lang = _lang(args.lang)
    path = _root_file(Path(args.path))
    profile = _profile(args)
    contract = _contract_run(path, args, lang) if args.base_url else None
    only = [r for r in all_rules() if r.category is Category.CONTRACT] if contract_only else None
    assessment = assess_path(path, profile, rules=only, contract=contract)
    _write(render(assessment, args.format, lang, color=_use_color(args.color, args.output)), args.output)
    return EXIT_PASS if assessment.verdict == "pass" else EXIT_FAIL


def _headers(values: Sequence[str] | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    for value in values or ():
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise UsageError(
                Text(
                    f"--auth-header harus 'Nama: nilai', bukan {name!r}",
                    f"--auth-header must be 'Name: value', not {name!r}",
                )
            )
        headers[name.strip()] = content.strip()
    return headers


def _contract_run(path: Path, args: argparse.Namespace, lang: Lang) -> Any:
    from urllib.parse import urlsplit

    from gate.contract.guard import AllowList
    from gate.contract.runner import Bounds, ClientCredentials, Progress, run_contract
    from rules.bundle import DirectorySource, load
    from rules.parsing import SourceError
    from rules.profile import Profile

    url = urlsplit(args.base_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise UsageError(
            Text(f"--base-url bukan URL http(s): {args.base_url}", f"--base-url is not an http(s) URL: {args.base_url}")
        )
    try:
        bundle = load(DirectorySource(path.parent), path.name, Profile().limits)
    except SourceError:
        return None  # unreadable: the rulebook reports it, there is nothing to test against
    given = {
        "time_limit_s": args.time_limit,
        "max_requests": args.max_requests,
        "request_timeout_s": args.request_timeout,
        "rate_limit": args.rate_limit,
        "max_examples": args.max_examples,
    }
    bounds = Bounds(**{name: value for name, value in given.items() if value is not None})

    def progress(p: Progress) -> None:
        if sys.stderr.isatty():
            label = "operasi" if lang == "id" else "operations"
            print(
                f"\r{p.operations_done}/{p.operations_total} {label} · {p.requests} req · {p.failures} ✗",
                end="",
                file=sys.stderr,
            )

    try:
        allow = AllowList.parse(args.allow) if args.allow else AllowList(None)
    except ValueError as exc:
        raise UsageError(Text(f"--allow: {exc}", f"--allow: {exc}")) from None
    oauth2 = None
    if args.oauth2_token_url:
        client_id = os.environ.get("SPBE_GATE_OAUTH2_CLIENT_ID", "")
        secret = os.environ.get("SPBE_GATE_OAUTH2_CLIENT_SECRET", "")
        if not client_id or not secret:
            raise UsageError(
                Text(
                    "--oauth2-token-url memerlukan SPBE_GATE_OAUTH2_CLIENT_ID dan SPBE_GATE_OAUTH2_CLIENT_SECRET",
                    "--oauth2-token-url needs SPBE_GATE_OAUTH2_CLIENT_ID and SPBE_GATE_OAUTH2_CLIENT_SECRET",
                )
            )
        oauth2 = ClientCredentials(args.oauth2_token_url, client_id, secret, args.oauth2_scope)
    run = run_contract(
        bundle.data,
        args.base_url,
        headers=_headers(args.auth_header),
        bounds=bounds,
        allow=allow,
        on_progress=progress,
        oauth2=oauth2,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return run


def _report_options(parser: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    """What ``check`` and ``test`` both take: the document and how to report on it."""
    parser.add_argument("path", metavar="PATH", help="berkas akar atau foldernya / root file or its folder")
    parser.add_argument("--format", "-f", choices=formats, default="text")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def _contract_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    # The bounds' defaults are gate.contract.runner.Bounds', applied in _contract_run: importing
    # the runner here (urllib3, ~50 ms) would slow every `check` that runs no contract test.
    # tests/gate/test_cli_imports.py keeps the defaults named in the help equal to Bounds().
    parser.add_argument(
        "--base-url", required=required, metavar="URL", help="alamat deployment (staging) / deployment URL"
    )
    parser.add_argument(
        "--auth-header",
        action="append",
        metavar="'NAMA: NILAI'",
        help="kredensial target, mis. 'Authorization: Bearer …'; tidak pernah dicetak / credentials, never printed",
    )
    parser.add_argument(
        "--oauth2-token-url",
        metavar="URL",
        help="ambil token OAuth2 client credentials dari URL ini; client id dan secret dari SPBE_GATE_OAUTH2_CLIENT_ID "
        "dan SPBE_GATE_OAUTH2_CLIENT_SECRET / fetch an OAuth2 client credentials token; id and secret from those "
        "variables (never on the command line)",
    )
    parser.add_argument("--oauth2-scope", default="", metavar="SCOPE", help="scope OAuth2 / OAuth2 scope")
    parser.add_argument("--max-examples", type=int, help="contoh per operasi (default 20)")
    parser.add_argument("--time-limit", type=float, help="detik / seconds (default 60)")
    parser.add_argument(
        "--max-requests",
        type=int,
        help="anggaran permintaan / request budget (default 1000)",
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        help="detik per permintaan / seconds per request (default 5)",
    )
    parser.add_argument("--rate-limit", help="laju maksimum / maximum rate (default 100/s)")
    parser.add_argument(
        "--allow",
        action="append",
        metavar="NET",
        help="hanya jaringan/host ini, mis. 10.20.0.0/16 (berulang) / only these networks or hosts (repeatable); "
        "default: any",
    )


def cmd_rules(args: argparse.Namespace) -> int:
    from reports.rulebook import render_rulebook

    lang = _lang(args.lang)
    profile = _profile(args)
    _write(render_rulebook(args.format, lang, profile), args.output)
    return EXIT_PASS


def build_parser() -> argparse.ArgumentParser:
    from reports import FORMATS

    parser = argparse.ArgumentParser(
        prog="spbe-gate",
        description="Gerbang penilaian API SPBE / SPBE API assessment gate.",
    )
    parser.add_argument("--version", action="version", version=f"spbe-gate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("id", "en"), help="bahasa laporan / report language (default: id)")
    common.add_argument("--output", "-o", metavar="FILE", help="tulis ke berkas / write to FILE (default: stdout)")
    common.add_argument("--profile", metavar="FILE", help="profil kabupaten (YAML) / kabupaten profile (YAML)")
    common.add_argument("--fail-on", choices=("error", "warning"), help="tingkat yang menggagalkan / failing severity")

    check = sub.add_parser(
        "check",
        parents=[common],
        help="nilai dokumen OpenAPI / assess an OpenAPI document",
        description="Nilai dokumen OpenAPI. Keluar 0 lulus, 1 tidak lulus, 2 galat pemakaian. "
        "/ Assess an OpenAPI document. Exit 0 passed, 1 not passed, 2 usage error.",
    )
    _report_options(check, FORMATS)
    _contract_options(check, required=False)
    check.set_defaults(func=cmd_check)

    test = sub.add_parser(
        "test",
        parents=[common],
        help="uji kontrak deployment / contract-test a deployment",
        description="Uji kontrak (schemathesis) terhadap deployment aplikasi. Keluar 0 lulus, 1 tidak lulus, "
        "2 galat pemakaian. / Contract-test the application's deployment. Exit codes as in check.",
    )
    _report_options(test, FORMATS)
    _contract_options(test, required=True)
    test.set_defaults(func=cmd_test)

    rules = sub.add_parser(
        "rules", parents=[common], help="daftar aturan / list the rulebook", description="Daftar aturan / The rulebook."
    )
    rules.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    rules.set_defaults(func=cmd_rules)

    from gate import service_cli

    service_cli.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        return _fail(exc.text, _lang(getattr(args, "lang", None)))
    except CommandError as exc:
        return _fail(exc.text, _lang(getattr(args, "lang", None)))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
