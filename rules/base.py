"""What a rule is: metadata declared once, checked when the class is defined, and a check.

The same metadata feeds the CLI's ``rules`` listing, the JSON and SARIF reports, the HTML
report and the service: nothing about a rule is written twice.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from rules.i18n import Text

if TYPE_CHECKING:
    from rules.changes.model import Comparison
    from rules.contract_run import ContractRun
    from rules.document import Document


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def weight(self) -> int:
        """What a rule of this severity weighs in its category's score."""
        return _WEIGHT[self]

    @property
    def label(self) -> Text:
        return _SEVERITY_LABEL[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1, Severity.HINT: 0}
_WEIGHT = {Severity.ERROR: 5, Severity.WARNING: 3, Severity.INFO: 1, Severity.HINT: 0}
_SEVERITY_LABEL = {
    Severity.ERROR: Text("galat", "error"),
    Severity.WARNING: Text("peringatan", "warning"),
    Severity.INFO: Text("info", "info"),
    Severity.HINT: Text("saran", "hint"),
}


class Category(StrEnum):
    VALIDITY = "validity"
    INTEROPERABILITY = "interoperability"
    SECURITY = "security"
    SUSTAINABILITY = "sustainability"
    DOCUMENTATION = "documentation"
    #: Observed on the running deployment (``spbe-gate test``), not read from the document.
    CONTRACT = "contract"
    #: Judged against the previous version (``check --baseline``), not the document alone.
    CHANGE = "change"

    @property
    def prefix(self) -> str:
        return _PREFIX[self]

    @property
    def label(self) -> Text:
        return _CATEGORY_LABEL[self]

    @property
    def scored(self) -> bool:
        """Validity is a gate (an invalid document is level 1), not a scored category."""
        return self is not Category.VALIDITY


_PREFIX = {
    Category.VALIDITY: "VAL",
    Category.INTEROPERABILITY: "IOP",
    Category.SECURITY: "SEC",
    Category.SUSTAINABILITY: "SUS",
    Category.DOCUMENTATION: "DOC",
    Category.CONTRACT: "KON",
    Category.CHANGE: "CHG",
}
_CATEGORY_LABEL = {
    Category.VALIDITY: Text("Validitas", "Validity"),
    Category.INTEROPERABILITY: Text("Interoperabilitas", "Interoperability"),
    Category.SECURITY: Text("Keamanan", "Security"),
    Category.SUSTAINABILITY: Text("Keberlanjutan", "Sustainability"),
    Category.DOCUMENTATION: Text("Dokumentasi", "Documentation"),
    Category.CONTRACT: Text("Uji kontrak", "Contract tests"),
    Category.CHANGE: Text("Perubahan", "Change control"),
}


@dataclass(frozen=True, slots=True)
class Option:
    """A threshold or list a profile may change without code."""

    default: Any
    description: Text


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule found, before the engine locates it, applies the profile and waivers."""

    pointer: str
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Replaces the rule's message template for this one finding.
    message: Text | None = None
    #: Set when ``pointer`` is a pointer inside this file rather than in the joined document.
    file: str | None = None
    #: Line and column, when the pointer alone cannot say (a key written twice).
    position: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may read besides the document."""

    options: Mapping[str, Any]
    today: date
    #: What contract tests observed on the deployment; None when none ran.
    contract: ContractRun | None = None
    #: The comparison with the previous version (``check --baseline``); None without one.
    baseline: Comparison | None = None

    def option(self, name: str) -> Any:
        return self.options[name]


_ID = re.compile(r"^(VAL|IOP|SEC|SUS|DOC|KON|CHG)\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
ALL_VERSIONS = frozenset({"2.0", "3.0", "3.1", "3.2"})


class Rule:
    """Base class. A subclass declares the metadata below and implements ``check``."""

    id: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    title: ClassVar[Text]
    rationale: ClassVar[Text]
    fix: ClassVar[Text]
    #: Message of one finding; ``{placeholders}`` are filled from the violation's params.
    message: ClassVar[Text]
    #: Where the rule comes from: guidelines, standards, regulations.
    references: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[Mapping[str, Option]] = {}
    #: OpenAPI versions the rule applies to.
    versions: ClassVar[frozenset[str]] = ALL_VERSIONS

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "id" in cls.__dict__:
            _check_metadata(cls)

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        raise NotImplementedError

    @classmethod
    def violation(cls, pointer: str, **params: Any) -> Violation:
        return Violation(pointer, params)

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {name: opt.default for name, opt in cls.options.items()}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_metadata(cls: type[Rule]) -> None:
    where = f"rule {cls.__module__}.{cls.__name__}"
    problems: list[str] = []
    for attr in ("id", "name", "category", "severity", "title", "rationale", "fix", "message"):
        if attr not in cls.__dict__:
            problems.append(f"missing {attr}")
    if problems:
        raise TypeError(f"{where}: {', '.join(problems)}")
    if not _ID.match(cls.id):
        problems.append(f"id {cls.id!r} is not like IOP001")
    if not isinstance(cls.category, Category):
        problems.append("category is not a Category")
    elif not cls.id.startswith(cls.category.prefix):
        problems.append(f"id {cls.id} does not start with {cls.category.prefix}")
    if not isinstance(cls.severity, Severity):
        problems.append("severity is not a Severity")
    if not _NAME.match(cls.name):
        problems.append(f"name {cls.name!r} is not kebab-case")
    for attr in ("title", "rationale", "fix", "message"):
        text = getattr(cls, attr)
        if not isinstance(text, Text) or not text.id.strip() or not text.en.strip():
            problems.append(f"{attr} needs both Indonesian and English text")
        elif attr in ("rationale", "fix") and text.id == text.en:
            problems.append(f"{attr} is not translated")
    msg = cls.message
    if isinstance(msg, Text) and _placeholders(msg.id) != _placeholders(msg.en):
        problems.append("message placeholders differ between languages")
    for name, opt in cls.options.items():
        if not isinstance(opt, Option):
            problems.append(f"option {name} is not an Option")
    if cls.check is Rule.check:
        problems.append("check() is not implemented")
    if not cls.versions <= ALL_VERSIONS:
        problems.append("versions names an unknown OpenAPI version")
    if problems:
        raise TypeError(f"{where}: {'; '.join(problems)}")
