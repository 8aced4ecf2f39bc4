"""``spbe-gate diff OLD NEW`` and ``check NEW --baseline OLD``: breaking-change control.

Only the sub-command's registration is in ``gate/cli.py``; the engine and the reports are
imported when the command runs, so ``check`` without ``--baseline`` loads none of this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rules.i18n import Text


def register(sub: Any) -> None:
    diff = sub.add_parser(
        "diff",
        help="bandingkan dua versi dokumen / compare two versions of a document",
        description="Bandingkan dua versi dokumen OpenAPI dan golongkan setiap perubahan: merusak, penghentian, "
        "atau kompatibel. Keluar 0 lulus, 1 tidak lulus (ada perubahan yang merusak, atau dokumen tidak dapat "
        "dibaca), 2 galat pemakaian. / Compare two versions of an OpenAPI document and classify each change as "
        "breaking, deprecation or compatible. Exit 0 passed, 1 not passed (a breaking change, or an unreadable "
        "document), 2 usage error.",
    )
    diff.add_argument(
        "old", metavar="OLD", help="versi lama: berkas akar atau foldernya / old version: root file or folder"
    )
    diff.add_argument("new", metavar="NEW", help="versi baru / new version")
    diff.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "markdown", "sarif"),
        default="text",
        help="format laporan / report format (default: text)",
    )
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "any"),
        default="breaking",
        help="gagal pada perubahan yang merusak (bawaan) atau perubahan apa pun / fail on breaking changes "
        "(default) or on any change",
    )
    diff.add_argument("--lang", choices=("id", "en"), help="bahasa laporan / report language (default: id)")
    diff.add_argument("--output", "-o", metavar="FILE", help="tulis ke berkas / write to FILE (default: stdout)")
    diff.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="warna di terminal / colour on a terminal (default: auto)",
    )
    diff.set_defaults(func=cmd_diff)


def baseline_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--baseline",
        metavar="OLD",
        help="versi sebelumnya: aturan perubahan (CHG) menilai perbedaannya / previous version: the change "
        "rules (CHG) judge the difference",
    )


def cmd_diff(args: argparse.Namespace) -> int:
    from gate.cli import EXIT_FAIL, EXIT_PASS, _lang, _root_file, _use_color, _write
    from reports.diff import render_diff
    from rules.changes import UnreadableDocument, compare_paths

    lang = _lang(args.lang)
    old, new = _root_file(Path(args.old)), _root_file(Path(args.new))
    try:
        comparison = compare_paths(old, new)
    except UnreadableDocument as exc:
        # Like check: a document that cannot be read is the submitter's problem (exit 1), said plainly.
        label = Text("tidak dapat dibandingkan", "cannot be compared")
        print(f"spbe-gate: {label.get(lang)}: {exc.text().get(lang)}", file=sys.stderr)
        return EXIT_FAIL
    text = render_diff(comparison, args.format, lang, fail_on=args.fail_on, color=_use_color(args.color, args.output))
    _write(text, args.output)
    failed = comparison.changes if args.fail_on == "any" else comparison.breaking()
    return EXIT_FAIL if failed else EXIT_PASS


def load_baseline(value: str) -> Any:
    """The previous version for ``check --baseline``; one that cannot be read is a usage error."""
    from gate.cli import UsageError, _root_file
    from rules.bundle import DirectorySource
    from rules.changes import UnreadableDocument, load_document

    path = _root_file(Path(value))
    try:
        return load_document(DirectorySource(path.parent), path.name, side="old")
    except UnreadableDocument as exc:
        text = exc.text()
        raise UsageError(
            Text(f"--baseline tidak dapat dibaca: {text.id}", f"--baseline cannot be read: {text.en}")
        ) from None
