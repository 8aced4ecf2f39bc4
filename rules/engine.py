"""The assessment: read, validate, run the rulebook, apply waivers, locate, score, decide."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from rules import __version__
from rules.base import Category, Context, Rule, Severity, Violation
from rules.bundle import Bundle, DirectorySource, FileSource, load
from rules.contract_run import ContractRun
from rules.document import Document
from rules.i18n import Text
from rules.metrics import documentation_coverage
from rules.parsing import SourceError
from rules.profile import Profile
from rules.registry import all_rules, rule_refs
from rules.result import (
    Assessment,
    DocumentInfo,
    FileInfo,
    Finding,
    RuleOutcome,
    RuleStatus,
    Verdict,
    compute_score,
)
from rules.waivers import Waiver, read_waivers, waived_by

_SNIPPET_CONTEXT = 2
_SNIPPET_WIDTH = 240
#: Findings that get a source snippet; beyond this the report would only grow.
_MAX_SNIPPETS = 2000


def assess_path(
    path: Path,
    profile: Profile | None = None,
    *,
    today: date | None = None,
    rules: Sequence[type[Rule]] | None = None,
    contract: ContractRun | None = None,
    baseline: Document | None = None,
) -> Assessment:
    """Assess the document whose root file is ``path``; its folder is the root folder."""
    return assess(
        DirectorySource(path.parent),
        path.name,
        profile,
        today=today,
        rules=rules,
        contract=contract,
        baseline=baseline,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one assessment.

    A 4 MB document is a million objects, and each full collection walks all of them: three
    per assessment of Kubernetes' document, ~15% of its time. An assessment makes next to no
    cyclic garbage (the trees are trees), so nothing waits on the collector meanwhile; reference
    counting still frees everything else. Restored afterwards, whatever happened.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assess(
    source: FileSource,
    root: str,
    profile: Profile | None = None,
    *,
    today: date | None = None,
    rules: Sequence[type[Rule]] | None = None,
    waivers: Sequence[Waiver] = (),
    on_document: Callable[[Document], None] | None = None,
    metadata: dict[str, Any] | None = None,
    contract: ContractRun | None = None,
    baseline: Document | None = None,
) -> Assessment:
    """Assess the document ``root`` read from ``source``.

    ``waivers`` are granted outside the document (by a Diskominfo reviewer, in the service);
    they apply like ``x-spbe-ignore`` entries, keyed on the joined document's pointers.
    ``on_document`` sees the indexed document (the service builds its catalogue entry from it
    without reading the files twice). ``metadata``, when given, stands for the document's
    ``info.x-spbe`` (the service's metadata form); findings on it point at ``/info/x-spbe``.
    ``contract`` is what contract tests observed on the deployment: the contract rules judge it
    (without it they are not run and their category is not scored).
    ``baseline`` is the previous version of the document (``rules.changes.load_document``): the
    change rules judge the comparison with it (without it they are not run and not scored).
    """
    with _collector_paused():
        return _assess(source, root, profile, today, rules, waivers, on_document, metadata, contract, baseline)


def _assess(
    source: FileSource,
    root: str,
    profile: Profile | None,
    today: date | None,
    rules: Sequence[type[Rule]] | None,
    waivers: Sequence[Waiver],
    on_document: Callable[[Document], None] | None,
    metadata: dict[str, Any] | None,
    contract: ContractRun | None,
    baseline: Document | None,
) -> Assessment:
    started = time.perf_counter()
    profile = profile or Profile()
    today = today or date.today()
    rulebook = tuple(rules) if rules is not None else all_rules()
    try:
        bundle = load(source, root, profile.limits)
    except SourceError as error:
        return _unreadable(root, error, profile, rulebook, started)
    if metadata is not None and isinstance(bundle.data, dict) and isinstance(bundle.data.get("info"), dict):
        bundle.data["info"]["x-spbe"] = metadata
    doc = Document(bundle)
    if on_document is not None:
        on_document(doc)
    comparison = None
    if baseline is not None and doc.version is not None:
        from rules.changes import compare_documents

        comparison = compare_documents(baseline, doc)
    violations: list[tuple[type[Rule], Severity, Violation]] = []
    outcomes: dict[str, tuple[type[Rule], Severity, str]] = {}
    for rule in rulebook:
        setting = profile.setting(rule.id)
        severity = setting.severity or rule.severity
        if not setting.enabled:
            outcomes[rule.id] = (rule, severity, "disabled")
            continue
        if (
            (doc.version is None and rule.category is not Category.VALIDITY)
            or (rule.category is Category.CONTRACT and contract is None)
            or (rule.category is Category.CHANGE and comparison is None)
        ):
            outcomes[rule.id] = (rule, severity, "not-run")
            continue
        if doc.version is not None and doc.version not in rule.versions:
            outcomes[rule.id] = (rule, severity, "not-applicable")
            continue
        outcomes[rule.id] = (rule, severity, "run")
        ctx = Context(profile.options_of(rule), today, contract, comparison)
        for violation in _run(rule, doc, ctx):
            violations.append((rule, severity, violation))
    in_document, _ = read_waivers(doc, rule_refs(), today)
    active_waivers = [*in_document, *(w for w in waivers if w.until is None or w.until >= today)]
    findings = _findings(bundle, violations, active_waivers)
    outcome_list = _outcomes(outcomes, findings)
    score = compute_score(outcome_list, findings, profile.weights)
    return Assessment(
        tool_version=__version__,
        generated_at=datetime.now(UTC),
        profile=profile.name,
        fail_on=profile.fail_on,
        document=_info(bundle, doc),
        findings=tuple(findings),
        outcomes=tuple(outcome_list),
        score=score,
        verdict=_verdict(findings, profile.fail_on),
        metrics={"documentation_coverage": documentation_coverage(doc).percent} if doc.version else {},
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
        contract=contract,
    )


def _run(rule: type[Rule], doc: Document, ctx: Context) -> Iterable[Violation]:
    try:
        return list(rule().check(doc, ctx))
    except Exception as exc:  # a bug of ours must not pass a document silently: fail closed
        return [
            Violation(
                "",
                message=Text(
                    f"Aturan {rule.id} gagal dijalankan ({type(exc).__name__}: {exc}); "
                    "laporkan ke pengelola SPBE Gate.",
                    f"Rule {rule.id} failed to run ({type(exc).__name__}: {exc}); "
                    "please report this to the SPBE Gate maintainers.",
                ),
            )
        ]


def _format(template: Text, params: Mapping[str, Any]) -> Text:
    if not params:
        return template
    for value in params.values():
        if type(value) is Text:
            break
    else:  # the common case, once per finding: plain values in both languages
        try:
            return Text(template.id.format_map(params), template.en.format_map(params))
        except KeyError:
            return Text(template.format("id", **params), template.format("en", **params))
    by_lang = {
        lang: {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in params.items()} for lang in ("id", "en")
    }
    return Text(template.format("id", **by_lang["id"]), template.format("en", **by_lang["en"]))


def _snippet(bundle: Bundle, file: str, line: int) -> tuple[tuple[int, str], ...]:
    lines = bundle.files[file].lines()
    start = max(1, line - _SNIPPET_CONTEXT)
    end = min(len(lines), line + _SNIPPET_CONTEXT)
    return tuple((n, lines[n - 1][:_SNIPPET_WIDTH]) for n in range(start, end + 1))


def _findings(
    bundle: Bundle, violations: list[tuple[type[Rule], Severity, Violation]], waivers: list[Any]
) -> list[Finding]:
    # A large document yields >10,000 findings: de-duplicate before the (costlier) location,
    # locate each file's pointers in one sorted walk, sort plain tuples, and build each frozen
    # Finding once, with its snippet.
    pending: list[tuple[type[Rule], Severity, Violation, Text, str, str, str]] = []
    seen: set[tuple[str, str, str, str]] = set()
    wanted: dict[str, set[str]] = {}
    files = bundle.files
    for rule, severity, v in violations:
        if v.file is not None and v.file in files:
            file, inner, doc_pointer = v.file, v.pointer, ""
        else:
            file, inner = bundle.origin(v.pointer)
            doc_pointer = v.pointer
        message = _format(v.message or rule.message, v.params)
        key = (rule.id, file, inner, message.en)
        if key in seen:
            continue
        seen.add(key)
        if v.position is None:
            wanted.setdefault(file, set()).add(inner)
        pending.append((rule, severity, v, message, file, inner, doc_pointer))
    positions = {file: files[file].parsed.locator.positions(pointers) for file, pointers in wanted.items()}
    located: list[tuple[tuple[Any, ...], type[Rule], Severity, Text, str, str, int, int, str, Any]] = []
    for rule, severity, v, message, file, inner, doc_pointer in pending:
        line, column = v.position or positions[file][inner]
        waiver = None
        if waivers and rule.category is not Category.VALIDITY and v.file is None:
            waiver = waived_by(waivers, rule.id, v.pointer)
        order = (file != bundle.root, file, line, column, rule.id)
        located.append((order, rule, severity, message, file, inner, line, column, doc_pointer, waiver))
    located.sort(key=lambda item: item[0])
    return [
        Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=message,
            file=file,
            pointer=inner,
            line=line,
            column=column,
            document_pointer=doc_pointer,
            waived=waiver is not None,
            waiver_reason=waiver.reason if waiver else None,
            snippet=_snippet(bundle, file, line) if i < _MAX_SNIPPETS else (),
        )
        for i, (_, rule, severity, message, file, inner, line, column, doc_pointer, waiver) in enumerate(located)
    ]


def _outcomes(outcomes: dict[str, tuple[type[Rule], Severity, str]], findings: list[Finding]) -> list[RuleOutcome]:
    active: dict[str, int] = {}
    waived: dict[str, int] = {}
    for f in findings:
        bucket = waived if f.waived else active
        bucket[f.rule] = bucket.get(f.rule, 0) + 1
    out: list[RuleOutcome] = []
    for rule_id, (rule, severity, state) in outcomes.items():
        if state == "run":
            status: RuleStatus = "failed" if active.get(rule_id) else "passed"
            out.append(RuleOutcome(rule, severity, status, active.get(rule_id, 0), waived.get(rule_id, 0)))
        else:
            out.append(RuleOutcome(rule, severity, cast(RuleStatus, state)))
    return out


def _verdict(findings: Iterable[Finding], fail_on: Severity) -> Verdict:
    return "fail" if any(f.active and f.severity.at_least(fail_on) for f in findings) else "pass"


def _info(bundle: Bundle, doc: Document) -> DocumentInfo:
    info = doc.info
    openapi = doc.data.get("openapi", doc.data.get("swagger"))
    return DocumentInfo(
        root=bundle.root,
        files=tuple(FileInfo(f.path, f.sha256, len(f.raw)) for f in bundle.files.values()),
        openapi=str(openapi) if openapi is not None else None,
        version=doc.version,
        title=info.get("title") if isinstance(info.get("title"), str) else None,
        api_version=str(info["version"]) if info.get("version") is not None else None,
        operations=len(doc.operations),
        x_spbe=doc.x_spbe,
    )


def _unreadable(
    root: str, error: SourceError, profile: Profile, rulebook: Sequence[type[Rule]], started: float
) -> Assessment:
    from rules.validity.val001_document_readable import DocumentReadable

    severity = profile.severity_of(DocumentReadable)
    finding = Finding(
        rule=DocumentReadable.id,
        name=DocumentReadable.name,
        category=DocumentReadable.category,
        severity=severity,
        message=_format(DocumentReadable.message, {"reason": error.message}),
        file=root,
        pointer="",
        line=error.line or 1,
        column=error.column or 1,
    )
    outcomes = [
        RuleOutcome(
            rule,
            profile.severity_of(rule),
            "failed" if rule is DocumentReadable else "not-run",
            1 if rule is DocumentReadable else 0,
        )
        for rule in rulebook
    ]
    score = compute_score(outcomes, [finding], profile.weights)
    return Assessment(
        tool_version=__version__,
        generated_at=datetime.now(UTC),
        profile=profile.name,
        fail_on=profile.fail_on,
        document=DocumentInfo(root=root),
        findings=(finding,),
        outcomes=tuple(outcomes),
        score=score,
        verdict="fail",
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
