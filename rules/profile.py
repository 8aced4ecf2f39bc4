"""A profile lets a kabupaten tune the rulebook without code.

Example (YAML)::

    name: Kabupaten Contoh
    fail_on: error            # or warning
    weights:                  # category weights of the overall score
      interoperability: 35
      security: 30
      sustainability: 20
      documentation: 15
    rules:
      IOP007: off             # disable
      SEC008: {severity: info}
      DOC009: {options: {min_coverage: 70}}
    limits:
      max_file_bytes: 10485760
    evaluation:               # the yearly evaluation's rules (the service)
      min_level: 3            # below this maturity level: action needed
      min_availability: 95    # percent of the year's probes, below it: action needed
      budget_required: true   # no budget for the next year: action needed
      unanswered: tidak_berkelanjutan   # an OPD that did not confirm by the deadline (or perlu_tindakan)
      action_days: 90         # the deadline of an action list, counted from the evaluation's end
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from rules.base import Category, Rule, Severity
from rules.i18n import Text
from rules.parsing import Limits, SourceError, parse_bytes

DEFAULT_WEIGHTS: dict[Category, float] = {
    Category.INTEROPERABILITY: 35,
    Category.SECURITY: 30,
    Category.SUSTAINABILITY: 20,
    Category.DOCUMENTATION: 15,
    # Counts only when contract tests ran against the deployment (otherwise the category has no score).
    Category.CONTRACT: 30,
    # Counts only when the document is judged against its previous version (``--baseline``).
    Category.CHANGE: 20,
}


class ProfileError(Exception):
    """A profile that cannot be used; the message says what to change, in both languages."""

    def __init__(self, where: str, message: Text):
        super().__init__(f"{where}: {message.en}")
        self.text = Text(f"{where}: {message.id}", f"{where}: {message.en}")


@dataclass(frozen=True, slots=True)
class RuleSetting:
    enabled: bool = True
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvaluationRules:
    """What the yearly evaluation holds an application to (the service reads these; the engine does not)."""

    #: The lowest maturity level that keeps the recommendation without action.
    min_level: int = 3
    #: The lowest availability (percent of the year's probes) that keeps it; applications never
    #: probed (no production URL) are judged without it.
    min_availability: float = 95.0
    #: A budget committed for the next year is required.
    budget_required: bool = True
    #: What becomes of an application whose OPD did not confirm its metadata by the deadline.
    unanswered: str = "tidak_berkelanjutan"
    #: Days an OPD has for an action list, from the evaluation's close.
    action_days: int = 90

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = "bawaan"
    fail_on: Severity = Severity.ERROR
    weights: dict[Category, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    evaluation: EvaluationRules = field(default_factory=EvaluationRules)

    def setting(self, rule_id: str) -> RuleSetting:
        return self.rules.get(rule_id, _DEFAULT_SETTING)

    def severity_of(self, rule: type[Rule]) -> Severity:
        return self.setting(rule.id).severity or rule.severity

    def options_of(self, rule: type[Rule]) -> dict[str, Any]:
        return {**rule.default_options(), **self.setting(rule.id).options}

    def with_fail_on(self, fail_on: Severity) -> Profile:
        return replace(self, fail_on=fail_on)


_DEFAULT_SETTING = RuleSetting()


def load_profile(path: Path, known: dict[str, type[Rule]]) -> Profile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(str(path), _os_error(exc)) from None
    try:
        data = parse_bytes(raw, path.name).data
    except SourceError as exc:
        where = f":{exc.line}" if exc.line else ""
        raise ProfileError(f"{path}{where}", exc.message) from None
    return parse_profile(data, known, str(path))


def parse_profile(data: Any, known: dict[str, type[Rule]], source: str = "profile") -> Profile:
    if not isinstance(data, dict):
        raise ProfileError(
            source,
            Text(
                "profil berupa pemetaan (name, fail_on, weights, rules, limits)",
                "a profile is a mapping (name, fail_on, weights, rules, limits)",
            ),
        )
    unknown = set(data) - {"name", "fail_on", "weights", "rules", "limits", "description", "evaluation"}
    if unknown:
        raise ProfileError(source, _unknown_keys(unknown))
    name = str(data.get("name") or Path(source).stem)
    fail_on = _severity(data.get("fail_on", "error"), f"{source}: fail_on")
    if fail_on not in (Severity.ERROR, Severity.WARNING):
        raise ProfileError(source, Text("fail_on harus `error` atau `warning`", "fail_on must be `error` or `warning`"))
    return Profile(
        name=name,
        fail_on=fail_on,
        weights=_weights(data.get("weights"), source),
        rules=_rules(data.get("rules"), known, source),
        limits=_limits(data.get("limits"), source),
        evaluation=_evaluation(data.get("evaluation"), source),
    )


def _evaluation(value: Any, source: str) -> EvaluationRules:
    if value is None:
        return EvaluationRules()
    where = f"{source}: evaluation"
    if not isinstance(value, dict):
        raise ProfileError(where, Text("harus berupa pemetaan", "must be a mapping"))
    defaults = EvaluationRules()
    unknown = set(value) - set(defaults.as_dict())
    if unknown:
        raise ProfileError(where, _unknown_keys(unknown))
    for key, given in value.items():
        _check_option_type(getattr(defaults, key), given, f"{where}.{key}")
    rules = replace(defaults, **value)
    if not 1 <= rules.min_level <= 5:
        raise ProfileError(f"{where}.min_level", Text("harus 1 sampai 5", "must be 1 to 5"))
    if not 0 <= rules.min_availability <= 100:
        raise ProfileError(f"{where}.min_availability", Text("harus 0 sampai 100", "must be 0 to 100"))
    if rules.unanswered not in ("tidak_berkelanjutan", "perlu_tindakan"):
        raise ProfileError(
            f"{where}.unanswered",
            Text("harus tidak_berkelanjutan atau perlu_tindakan", "must be tidak_berkelanjutan or perlu_tindakan"),
        )
    if not 1 <= rules.action_days <= 730:
        raise ProfileError(f"{where}.action_days", Text("harus 1 sampai 730", "must be 1 to 730"))
    return rules


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise ProfileError(
            where,
            Text(
                f"{value!r} bukan salah satu dari `error`, `warning`, `info`, `hint`",
                f"{value!r} is not one of `error`, `warning`, `info`, `hint`",
            ),
        ) from None


def _weights(value: Any, source: str) -> dict[Category, float]:
    weights = dict(DEFAULT_WEIGHTS)
    if value is None:
        return weights
    if not isinstance(value, dict):
        raise ProfileError(
            f"{source}: weights",
            Text("harus pemetaan kategori ke angka", "must be a mapping of category to number"),
        )
    for key, weight in value.items():
        try:
            category = Category(key)
        except ValueError:
            raise ProfileError(
                f"{source}: weights", Text(f"kategori tidak dikenal {key!r}", f"unknown category {key!r}")
            ) from None
        if not category.scored:
            raise ProfileError(f"{source}: weights", Text(f"{key} tidak diberi skor", f"{key} is not scored"))
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise ProfileError(f"{source}: weights.{key}", Text("harus angka >= 0", "must be a number >= 0"))
        weights[category] = float(weight)
    if not any(weights.values()):
        raise ProfileError(f"{source}: weights", Text("tidak boleh semuanya nol", "must not all be zero"))
    return weights


def _rules(value: Any, known: dict[str, type[Rule]], source: str) -> dict[str, RuleSetting]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(
            f"{source}: rules",
            Text("harus pemetaan id aturan ke pengaturannya", "must be a mapping of rule id to settings"),
        )
    by_name = {rule.name: rule for rule in known.values()}
    out: dict[str, RuleSetting] = {}
    for key, raw in value.items():
        rule = known.get(str(key)) or by_name.get(str(key))
        if rule is None:
            raise ProfileError(
                f"{source}: rules",
                Text(
                    f"aturan tidak dikenal {key!r} (lihat `spbe-gate rules`)",
                    f"unknown rule {key!r} (see `spbe-gate rules`)",
                ),
            )
        where = f"{source}: rules.{key}"
        if raw in (False, "off", "disabled"):
            out[rule.id] = RuleSetting(enabled=False)
            continue
        if raw in (True, "on", None):
            out[rule.id] = RuleSetting()
            continue
        if isinstance(raw, str):
            out[rule.id] = RuleSetting(severity=_severity(raw, where))
            continue
        if not isinstance(raw, dict):
            raise ProfileError(
                where,
                Text(
                    "pakai off, sebuah tingkat, atau {enabled, severity, options}",
                    "use off, a severity, or {enabled, severity, options}",
                ),
            )
        extra = set(raw) - {"enabled", "severity", "options"}
        if extra:
            raise ProfileError(where, _unknown_keys(extra))
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ProfileError(f"{where}.enabled", Text("harus true atau false", "must be true or false"))
        severity = _severity(raw["severity"], f"{where}.severity") if "severity" in raw else None
        options = raw.get("options") or {}
        if not isinstance(options, dict):
            raise ProfileError(f"{where}.options", Text("harus berupa pemetaan", "must be a mapping"))
        for opt_name, opt_value in options.items():
            if opt_name not in rule.options:
                allowed = ", ".join(sorted(rule.options)) or "none"
                raise ProfileError(
                    f"{where}.options",
                    Text(
                        f"opsi tidak dikenal {opt_name!r} (yang boleh: {allowed})",
                        f"unknown option {opt_name!r} (allowed: {allowed})",
                    ),
                )
            _check_option_type(rule.options[opt_name].default, opt_value, f"{where}.options.{opt_name}")
        out[rule.id] = RuleSetting(enabled, severity, dict(options))
    return out


def _check_option_type(default: Any, value: Any, where: str) -> None:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, list | tuple):
        ok = isinstance(value, list)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    else:
        ok = True
    if not ok:
        raise ProfileError(
            where,
            Text(
                f"diharapkan nilai seperti {default!r}, tertulis {value!r}",
                f"expected a value like {default!r}, got {value!r}",
            ),
        )


def _limits(value: Any, source: str) -> Limits:
    if value is None:
        return Limits()
    if not isinstance(value, dict):
        raise ProfileError(f"{source}: limits", Text("harus berupa pemetaan", "must be a mapping"))
    names = {f.name for f in fields(Limits)}
    for key, number in value.items():
        if key not in names:
            allowed = ", ".join(sorted(names))
            raise ProfileError(
                f"{source}: limits",
                Text(
                    f"batas tidak dikenal {key!r} (yang boleh: {allowed})",
                    f"unknown limit {key!r} (allowed: {allowed})",
                ),
            )
        if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
            raise ProfileError(
                f"{source}: limits.{key}", Text("harus bilangan bulat positif", "must be a positive integer")
            )
    return Limits(**value)


def _unknown_keys(keys: set[Any]) -> Text:
    return Text(f"kunci tidak dikenal {sorted(keys)}", f"unknown keys {sorted(keys)}")


def _os_error(exc: OSError) -> Text:
    """The operating system's reason, which is English only, in words of both languages."""
    import errno

    known = {
        errno.ENOENT: Text("berkas tidak ditemukan", "no such file"),
        errno.EACCES: Text("tidak boleh dibaca", "permission denied"),
        errno.EISDIR: Text("sebuah folder, bukan berkas", "a folder, not a file"),
    }
    reason = exc.strerror or str(exc)
    return known.get(exc.errno or 0, Text(f"tidak dapat dibaca ({reason})", f"cannot be read ({reason})"))
