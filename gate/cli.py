"""The ``spbe-gate`` command.

Exit codes: 0 passed, 1 not passed (including unreadable or invalid documents, which get
findings), 2 usage or I/O error (no such file, bad option, unusable profile).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

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


def _argv_lang(argv: Sequence[str]) -> Lang:
    """The language asked for, before argparse has read the arguments (its own errors need it)."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
    return _lang(value)


#: argparse's own messages (Python 3.11+), as Bahasa Indonesia words them.
_ARGPARSE_ID = (
    (re.compile(r"^the following arguments are required: (.*)$"), "argumen berikut wajib diisi: {0}"),
    (re.compile(r"^unrecognized arguments: (.*)$"), "argumen tidak dikenal: {0}"),
    (re.compile(r"^invalid choice: (.*) \(choose from (.*)\)$"), "pilihan tidak sah: {0} (pilih dari {1})"),
    (re.compile(r"^invalid (\w+) value: (.*)$"), "nilai {0} tidak sah: {1}"),
    (re.compile(r"^expected one argument$"), "memerlukan satu nilai"),
    (re.compile(r"^expected at least one argument$"), "memerlukan paling sedikit satu nilai"),
    (re.compile(r"^expected at most one argument$"), "memerlukan paling banyak satu nilai"),
    (re.compile(r"^ambiguous option: (.*) could match (.*)$"), "opsi ambigu: {0} dapat berarti {1}"),
    (re.compile(r"^not allowed with argument (.*)$"), "tidak boleh bersama argumen {0}"),
    (re.compile(r"^ignored explicit argument (.*)$"), "nilai yang diberikan diabaikan: {0}"),
    (re.compile(r"^one of the arguments (.*) is required$"), "salah satu argumen ini wajib: {0}"),
)


def _argparse_message(message: str, lang: Lang) -> str:
    if lang == "en":
        return message
    prefix = ""
    m = re.match(r"^argument ([^:]+): (.*)$", message, re.S)
    if m:
        prefix, message = f"argumen {m.group(1)}: ", m.group(2)
    for pattern, template in _ARGPARSE_ID:
        found = pattern.match(message)
        if found:
            return prefix + template.format(*found.groups())
    return prefix + message


class GateParser(argparse.ArgumentParser):
    """argparse, bilingual: every heading and the help option say it in both languages, and a
    usage error is told in the chosen language with the usage of the (sub-)command it concerns."""

    lang: Lang = "id"

    def __init__(
        self, *, add_help: bool = True, parents: Sequence[argparse.ArgumentParser] = (), **kwargs: Any
    ) -> None:
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumen / arguments"
        self._optionals.title = "opsi / options"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini / show this help")
        for parent in parents:  # after -h, which then comes first in the usage, as argparse puts it
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def format_usage(self, prefix: str | None = None) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix)
        return formatter.format_help()

    def format_help(self) -> str:  # argparse's own, with a bilingual usage heading
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, "pemakaian / usage: ")
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def error(self, message: str) -> NoReturn:
        words = ("pemakaian: ", "galat") if self.lang == "id" else ("usage: ", "error")
        self._print_message(self.format_usage(words[0]), sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {words[1]}: {_argparse_message(message, self.lang)}\n")


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-command's parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from parsers(sub)


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


class StdinSource:
    """The document on standard input (PATH ``-``): one file, read once, never more than the limit.

    It has no folder, so a ``$ref`` to another file is reported as missing, not looked for."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._data: bytes | None = None

    def read(self, path: str, limit: int) -> bytes:
        from rules.parsing import SourceError

        if path != self.name:
            raise SourceError(
                "missing-file",
                Text(
                    f"Berkas {path} tidak dibaca: dokumen dari masukan standar tidak punya folder.",
                    f"File {path} is not read: a document on standard input has no folder.",
                ),
            )
        if self._data is None:
            self._data = sys.stdin.buffer.read(limit + 1)
        if len(self._data) > limit:
            from rules.i18n import format_size

            raise SourceError(
                "too-large",
                Text(
                    f"Masukan standar melebihi batas {format_size(limit, 'id')}.",
                    f"Standard input exceeds the limit of {format_size(limit, 'en')}.",
                ),
            )
        return self._data


def _source(path_arg: str, stdin_filename: str) -> tuple[Any, str, Path | None]:
    """Where the document is read from: (file source, root file name, folder or None for stdin)."""
    if path_arg == "-":
        return StdinSource(stdin_filename), stdin_filename, None
    from rules.bundle import DirectorySource

    path = _root_file(Path(path_arg))
    return DirectorySource(path.parent), path.name, path.parent


def _uri_base(folder: Path | None, base_dir: str | None) -> str:
    """What SARIF puts before each file name: the document's folder relative to the repository root
    (``--base-dir``, else the git work tree holding the document, else the current folder), so code
    scanning attaches a finding to ``api/openapi.yaml`` and not to a root-level ``openapi.yaml``."""
    from urllib.parse import quote

    if folder is None:
        return ""
    folder = folder.resolve()
    if base_dir is not None:
        base = Path(base_dir).resolve()
        if not base.is_dir():
            raise UsageError(Text(f"--base-dir bukan folder: {base_dir}", f"--base-dir is not a folder: {base_dir}"))
    else:
        base = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), Path.cwd().resolve())
    if not folder.is_relative_to(base):
        return folder.as_uri() + "/"  # outside the repository: an absolute URI rather than a wrong relative one
    relative = folder.relative_to(base).as_posix()
    return "" if relative == "." else quote(relative, safe="/") + "/"


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
            raise UsageError(
                Text(f"profil tidak dapat dipakai: {exc.text.id}", f"unusable profile: {exc.text.en}")
            ) from None
    if args.fail_on:
        from rules.base import Severity

        profile = profile.with_fail_on(Severity(args.fail_on))
    return profile


def cmd_check(args: argparse.Namespace) -> int:
    """The rulebook; with ``--base-url`` also the contract tests, in one report and one verdict."""
    return _reports(args, contract_only=False)


def cmd_test(args: argparse.Namespace) -> int:
    """The contract tests alone: the document's own rules are left to ``check``."""
    return _reports(args, contract_only=True)


#: Formats whose reports of several documents can follow one another in one output.
_CONCATENABLE = ("text", "markdown")


def _extra_outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """``--write FORMAT=FILE``: more reports of the same assessment, so CI runs the engine once."""
    from reports import FORMATS

    out = []
    for spec in args.write or ():
        fmt, sep, file = spec.partition("=")
        if not sep or fmt not in FORMATS or not file:
            raise UsageError(
                Text(
                    f"--write harus FORMAT=BERKAS dengan FORMAT salah satu dari {', '.join(FORMATS)}, bukan {spec!r}",
                    f"--write must be FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}, not {spec!r}",
                )
            )
        out.append((fmt, file))
    return out


def _reports(args: argparse.Namespace, *, contract_only: bool) -> int:
    """One document, or several (as pre-commit passes the changed files): each assessed and
    reported in turn; the exit code is the worst of them."""
    paths: list[str] = args.path if isinstance(args.path, list) else [args.path]
    lang = _lang(args.lang)
    extra = _extra_outputs(args)
    if len(paths) > 1 and (args.format not in _CONCATENABLE or extra or args.base_url or "-" in paths):
        raise UsageError(
            Text(
                "beberapa PATH hanya dengan --format text atau markdown, tanpa --write, --base-url dan -",
                "several PATHs only with --format text or markdown, without --write, --base-url and -",
            )
        )
    profile = _profile(args)
    reports: list[str] = []
    code = EXIT_PASS
    for path in paths:
        try:
            report, verdict = _report(args, path, profile, lang, extra, contract_only=contract_only)
        except UsageError as exc:
            if len(paths) == 1:
                raise
            code = max(code, _fail(exc.text, lang))  # the other documents are still assessed
            continue
        if len(paths) > 1:  # which document each report is about, as head(1) heads several files
            report = (f"==> {path} <==\n" if args.format == "text" else f"### `{path}`\n\n") + report
        reports.append(report)
        code = max(code, verdict)
    _write("\n".join(reports), args.output)
    return code


def _report(
    args: argparse.Namespace,
    path: str,
    profile: Any,
    lang: Lang,
    extra: Sequence[tuple[str, str]],
    *,
    contract_only: bool,
) -> tuple[str, int]:
    from reports import render
    from rules.base import Category
    from rules.engine import assess
    from rules.registry import all_rules

    source, root, folder = _source(path, args.stdin_filename)
    uri_base = _uri_base(folder, args.base_dir)
    contract = _contract_run(source, root, args, lang) if args.base_url else None
    baseline = None
    if getattr(args, "baseline", None):
        from gate.diff_command import load_baseline

        baseline = load_baseline(args.baseline)
    only = [r for r in all_rules() if r.category is Category.CONTRACT] if contract_only else None
    assessment = assess(source, root, profile, rules=only, contract=contract, baseline=baseline)
    for fmt, file in extra:
        _write(render(assessment, fmt, lang, uri_base=uri_base), file)
    color = _use_color(args.color, args.output)
    report = render(assessment, args.format, lang, color=color, uri_base=uri_base)
    return report, EXIT_PASS if assessment.verdict == "pass" else EXIT_FAIL


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


def _contract_run(source: Any, root: str, args: argparse.Namespace, lang: Lang) -> Any:
    from urllib.parse import urlsplit

    from gate.contract.guard import AllowList
    from gate.contract.runner import Bounds, ClientCredentials, Progress, run_contract
    from rules.bundle import load
    from rules.parsing import SourceError
    from rules.profile import Profile

    url = urlsplit(args.base_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise UsageError(
            Text(f"--base-url bukan URL http(s): {args.base_url}", f"--base-url is not an http(s) URL: {args.base_url}")
        )
    try:
        bundle = load(source, root, Profile().limits)
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


def _report_options(parser: argparse.ArgumentParser, formats: Sequence[str], *, several: bool) -> None:
    """What ``check`` and ``test`` both take: the document and how to report on it."""
    parser.add_argument(
        "path",
        metavar="PATH",
        nargs="+" if several else None,
        help="berkas akar, foldernya, atau - untuk masukan standar"
        + (" (beberapa: satu laporan per dokumen)" if several else "")
        + " / root file, its folder, or - for standard input"
        + (" (several: one report each)" if several else ""),
    )
    parser.add_argument(
        "--format", "-f", choices=formats, default="text", help="bentuk laporan / report format (default: text)"
    )
    parser.add_argument(
        "--write",
        action="append",
        metavar="FORMAT=FILE",
        help="tulis juga laporan FORMAT ke FILE, mis. sarif=spbe.sarif (berulang; penilaian tetap sekali) / also "
        "write the report in FORMAT to FILE (repeatable; still one assessment)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="warna di terminal; NO_COLOR mematikannya / colour on a terminal; NO_COLOR turns it off (default: auto)",
    )
    parser.add_argument(
        "--base-dir",
        metavar="DIR",
        help="akar repositori untuk lokasi SARIF (bawaan: repositori git dokumen, atau folder saat ini) / "
        "repository root for SARIF locations (default: the document's git work tree, or the current folder)",
    )
    parser.add_argument(
        "--stdin-filename",
        default="-",
        metavar="NAME",
        help="nama dokumen dari masukan standar dalam laporan / name of a document on standard input in the report",
    )


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
    parser.add_argument(
        "--max-examples", type=int, metavar="N", help="contoh per operasi / examples per operation (default 20)"
    )
    parser.add_argument(
        "--time-limit", type=float, metavar="S", help="batas waktu, detik / time limit, seconds (default 60)"
    )
    parser.add_argument(
        "--max-requests", type=int, metavar="N", help="anggaran permintaan / request budget (default 1000)"
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        metavar="S",
        help="detik per permintaan / seconds per request (default 5)",
    )
    parser.add_argument("--rate-limit", metavar="N/s", help="laju maksimum / maximum rate (default 100/s)")
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
    from gate import diff_command, evaluation_cli
    from reports import FORMATS

    parser = GateParser(
        prog="spbe-gate",
        description="Gerbang penilaian API SPBE / SPBE API assessment gate.",
    )
    parser.add_argument(
        "--version", action="version", version=f"spbe-gate {__version__}", help="tampilkan versi / show the version"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="perintah / commands")

    common = GateParser(add_help=False)
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
    _report_options(check, FORMATS, several=True)
    _contract_options(check, required=False)
    diff_command.baseline_option(check)
    check.set_defaults(func=cmd_check)

    test = sub.add_parser(
        "test",
        parents=[common],
        help="uji kontrak deployment / contract-test a deployment",
        description="Uji kontrak (schemathesis) terhadap deployment aplikasi. Keluar 0 lulus, 1 tidak lulus, "
        "2 galat pemakaian. / Contract-test the application's deployment. Exit codes as in check.",
    )
    _report_options(test, FORMATS, several=False)
    _contract_options(test, required=True)
    test.set_defaults(func=cmd_test)

    rules = sub.add_parser(
        "rules", parents=[common], help="daftar aturan / list the rulebook", description="Daftar aturan / The rulebook."
    )
    rules.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "markdown"),
        default="text",
        help="bentuk daftar / listing format (default: text)",
    )
    rules.set_defaults(func=cmd_rules)

    diff_command.register(sub)
    evaluation_cli.register(sub)

    from gate import service_cli

    service_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    for each in parsers(parser):
        each.set_defaults(command_parser=each)  # the innermost sub-command's parser is the one left
        if isinstance(each, GateParser):
            each.lang = _argv_lang(argv)
    args, extra = parser.parse_known_args(argv)
    if extra:  # told with the usage of the sub-command they were given to, not the top level's
        args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
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
