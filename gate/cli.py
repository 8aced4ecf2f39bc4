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
    from reports import render
    from rules.engine import assess_path

    lang = _lang(args.lang)
    path = _root_file(Path(args.path))
    profile = _profile(args)
    assessment = assess_path(path, profile)
    _write(render(assessment, args.format, lang, color=_use_color(args.color, args.output)), args.output)
    return EXIT_PASS if assessment.verdict == "pass" else EXIT_FAIL


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
    check.add_argument("path", metavar="PATH", help="berkas akar atau foldernya / root file or its folder")
    check.add_argument("--format", "-f", choices=FORMATS, default="text")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.set_defaults(func=cmd_check)

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
