"""What CI users run, run the way their CI runs it: the GitHub Action (action.yml), the GitLab CI
template, the pre-commit hook, and the SARIF that code scanning reads.

The Action's and the template's YAML is parsed and each step's shell commands are executed with
bash against a sample repository in a temporary folder, with the runner's variables set and
``${{ ... }}`` expressions evaluated as GitHub does. What cannot run here is recorded instead:
``uses:`` steps (setup-python: the test's Python stands for it; upload-sarif: its condition is
evaluated and the file it would upload is validated), and Docker (no daemon: a stand-in ``docker``
checks the wrapper's mounts and variables and runs the gate with only what the container would
see). pre-commit itself runs the hook. Together about 40 s, most of it installing the gate from
the repository as CI does (the Action's pip install, and pre-commit's own environment).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from gate.core.config import Settings
from tests.helpers import SHARED
from tests.helpers import ci_token as _token

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LEGACY = EXAMPLES / "simpeg-lama" / "swagger.yaml"  # fails: exit 1
GOOD = EXAMPLES / "layanan-perizinan" / "openapi.yaml"  # passes: exit 0
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


# -- the runner's environment ------------------------------------------------------------------


@pytest.fixture(scope="module")
def action_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the runner checks out for ``uses: spbe-gate/spbe-gate@...``: the repository's files
    (copied, so that pip builds there and not in this working tree)."""
    target = tmp_path_factory.mktemp("action") / "spbe-gate"
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("action.yml", "Dockerfile", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, target / name)
    for package in ("gate", "rules", "reports", "ci"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    return target


@pytest.fixture(scope="module")
def runner_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``python`` that setup-python (or GitLab's python image) puts first on PATH: a fresh
    virtual environment without the gate. It sees this test environment's installed packages (a
    .pth file), so installing the gate from the repository builds and installs only the gate."""
    venv = tmp_path_factory.mktemp("runner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "test-deps.pth").write_text(f"{_installed_packages()}\n")
    return venv / "bin"


def _installed_packages() -> Path:
    """This environment's site-packages: the gate's dependencies, installed (the gate itself is
    there only as an editable pointer, which a plain path entry does not follow)."""
    return next(p for p in map(Path, sys.path) if p.name == "site-packages" and (p / "yaml").is_dir())


def _sample_repository(root: Path, document: Path, where: str) -> Path:
    """A repository whose OpenAPI document is not at the root, as in most real ones."""
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(document, root / where)
    (root / "README.md").write_text("# Aplikasi contoh\n")
    return root


def _runner_env(path: Sequence[Path] = ()) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPBE_GATE_", "GATE_", "GITHUB_", "CI"))}
    env["PATH"] = os.pathsep.join([*map(str, path), env.get("PATH", "")])
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    return env


# -- GitHub Actions: expressions and a composite action's steps --------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<op>==|!=|&&|\|\||[!()])|'(?P<str>(?:[^']|'')*)'|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*))"
)


class Expression:
    """GitHub Actions expressions as far as action.yml uses them: literals, contexts, ``!``,
    ``==``/``!=`` (strings compared ignoring case), ``&&``/``||`` (yielding an operand), parentheses
    and the status functions."""

    def __init__(self, text: str, context: dict[str, Any], job_ok: bool) -> None:
        self.tokens: list[tuple[str, Any]] = []
        pos, text = 0, text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            assert m and m.end() > pos, f"cannot read expression at {text[pos:]!r}"
            pos = m.end()
            if m.group("op"):
                self.tokens.append(("op", m.group("op")))
            elif m.group("str") is not None:
                self.tokens.append(("value", m.group("str").replace("''", "'")))
            elif m.group("num"):
                self.tokens.append(("value", float(m.group("num"))))
            else:
                self.tokens.append(("name", m.group("name")))
        self.context, self.job_ok, self.i = context, job_ok, 0

    def value(self) -> Any:
        result = self._or()
        assert self.i == len(self.tokens), "trailing tokens"
        return result

    def _peek(self, *ops: str) -> bool:
        return self.i < len(self.tokens) and self.tokens[self.i] in [("op", o) for o in ops]

    def _or(self) -> Any:
        left = self._and()
        while self._peek("||"):
            self.i += 1
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self) -> Any:
        left = self._eq()
        while self._peek("&&"):
            self.i += 1
            right = self._eq()
            left = right if truthy(left) else left
        return left

    def _eq(self) -> Any:
        left = self._unary()
        if self._peek("==", "!="):
            op = self.tokens[self.i][1]
            self.i += 1
            same = text_of(left).casefold() == text_of(self._unary()).casefold()
            return same if op == "==" else not same
        return left

    def _unary(self) -> Any:
        if self._peek("!"):
            self.i += 1
            return not truthy(self._unary())
        return self._primary()

    def _primary(self) -> Any:
        kind, token = self.tokens[self.i]
        self.i += 1
        if (kind, token) == ("op", "("):
            inner = self._or()
            assert self._peek(")")
            self.i += 1
            return inner
        if kind == "value":
            return token
        assert kind == "name", token
        if self._peek("("):
            assert self.tokens[self.i + 1] == ("op", ")"), "only argument-less functions"
            self.i += 2
            status = {"always": True, "success": self.job_ok, "failure": not self.job_ok, "cancelled": False}
            return status[token]
        if token in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[token]
        value: Any = self.context
        for part in token.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value


def truthy(value: Any) -> bool:
    return value not in (None, False, 0, "")


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def substitute(text: str, context: dict[str, Any], job_ok: bool = True) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: text_of(Expression(m.group(1), context, job_ok).value()), text)


def condition(text: str | bool | None, context: dict[str, Any], job_ok: bool) -> bool:
    """A step's ``if:``: an expression with or without ``${{ }}``; without a status function it
    means ``success() && (...)``, as GitHub reads it."""
    if text is None:
        text = "success()"
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not re.search(r"\b(always|success|failure|cancelled)\(\)", text):
        text = f"success() && ({text})"
    return truthy(Expression(text, context, job_ok).value())


def read_command_file(path: Path) -> dict[str, str]:
    """$GITHUB_OUTPUT's lines: ``name=value`` and ``name<<DELIMITER`` blocks."""
    out: dict[str, str] = {}
    lines = path.read_text().splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            out[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
            continue
        name, _, value = line.partition("=")
        out[name] = value
        i += 1
    return out


@dataclass
class StepRun:
    name: str
    ran: bool
    code: int = 0
    output: str = ""
    uses: str = ""
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class JobRun:
    steps: list[StepRun]
    ok: bool
    outputs: dict[str, str]
    workspace: Path
    summary: str

    def step(self, name: str) -> StepRun:
        return next(s for s in self.steps if s.name == name)


def run_action(
    action_dir: Path, workspace: Path, inputs: dict[str, str], path: Sequence[Path], env: dict[str, str] | None = None
) -> JobRun:
    """The composite action's steps, as the runner takes them, in a job whose workspace is the
    sample repository."""
    manifest = yaml.safe_load((action_dir / "action.yml").read_text())
    temp = workspace.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    github = {"action_path": str(action_dir), "workspace": str(workspace)}
    context: dict[str, Any] = {"github": github, "runner": {"temp": str(temp)}, "steps": {}}
    given = dict(inputs)
    context["inputs"] = {
        name: given.pop(name, substitute(str(spec.get("default", "")), context))
        for name, spec in manifest["inputs"].items()
    }
    assert not given, f"the action has no inputs {sorted(given)}"
    base = {
        **_runner_env(path),
        **(env or {}),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(action_dir),
        "RUNNER_TEMP": str(temp),
    }
    steps: list[StepRun] = []
    ok = True
    summary = ""
    for n, step in enumerate(manifest["runs"]["steps"]):
        name = step.get("name", f"step {n}")
        if not condition(step.get("if"), context, ok):
            steps.append(StepRun(name, ran=False))
            continue
        if "uses" in step:  # recorded: GitHub runs these; what they take is checked by the tests
            with_ = {k: substitute(str(v), context, ok) for k, v in (step.get("with") or {}).items()}
            steps.append(StepRun(name, ran=True, uses=step["uses"], with_=with_))
            continue
        assert step.get("shell") == "bash", f"{name}: a composite action's run step names its shell"
        files = {key: temp / f"{key.lower()}-{n}" for key in ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
        for file in files.values():
            file.write_text("")
        step_env = {k: substitute(str(v), context, ok) for k, v in (step.get("env") or {}).items()}
        script = temp / f"step-{n}.sh"
        script.write_text(substitute(step["run"], context, ok))
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],  # GitHub's bash
            cwd=workspace,
            env={**base, **{k: str(v) for k, v in files.items()}, **step_env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        steps.append(StepRun(name, ran=True, code=result.returncode, output=result.stdout + result.stderr))
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": read_command_file(files["GITHUB_OUTPUT"])}
        added = files["GITHUB_PATH"].read_text().split()
        if added:
            base["PATH"] = os.pathsep.join([*added, base["PATH"]])
        summary += files["GITHUB_STEP_SUMMARY"].read_text()
        ok = ok and result.returncode == 0
    outputs = {k: substitute(str(v["value"]), context) for k, v in manifest.get("outputs", {}).items()}
    return JobRun(steps, ok, outputs, workspace, summary)


def _sarif_uris(sarif: dict[str, Any]) -> set[str]:
    return {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }


def _validate_sarif(sarif: dict[str, Any]) -> None:
    """Against the official SARIF 2.1.0 schema, when ../shared is there (it is in CI)."""
    if not SARIF_SCHEMA.exists():
        return
    import jsonschema
    from referencing import Registry

    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema, registry=Registry())  # fetches nothing
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


# -- the Action ------------------------------------------------------------------------------


def test_action_runs_no_expression_in_a_shell_script() -> None:
    """Inputs reach the scripts as environment variables only: an input holding shell syntax (a
    branch name, a path) is never pasted into a command (GitHub's script-injection advice)."""
    manifest = yaml.safe_load((ROOT / "action.yml").read_text())
    for step in manifest["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
    assert manifest["runs"]["using"] == "composite"


def test_action_on_a_failing_document_uploads_the_sarif_and_fails_the_job(
    tmp_path: Path, action_dir: Path, runner_bin: Path
) -> None:
    workspace = _sample_repository(tmp_path / "repo", LEGACY, "services/simpeg/swagger.yaml")
    job = run_action(action_dir, workspace, {"path": "services/simpeg/swagger.yaml"}, [runner_bin])
    setup = job.step("Set up Python")
    assert setup.ran and setup.uses.startswith("actions/setup-python@") and setup.with_["python-version"] == "3.11"
    install = job.step("Install SPBE Gate")
    assert install.code == 0, install.output
    assert (runner_bin / "spbe-gate").exists()  # installed from the action's checkout, by pip
    check = job.step("Check")
    assert check.code == 0, check.output  # findings do not stop the job here ...
    assert "TIDAK LULUS" in check.output and "IOP001" in check.output
    assert job.outputs["exit-code"] == "1"
    upload = job.step("Upload SARIF")  # ... so the SARIF is uploaded (if: always())
    assert upload.ran and upload.uses.startswith("github/codeql-action/upload-sarif@")
    sarif = json.loads((workspace / upload.with_["sarif_file"]).read_text())
    assert _sarif_uris(sarif) == {"services/simpeg/swagger.yaml"}  # where the file is in the repository
    _validate_sarif(sarif)
    assert not job.step("Submit").ran
    verdict = job.step("Verdict")
    assert verdict.ran and verdict.code == 1  # ... and then the job fails with check's code
    assert not job.ok
    assert "TIDAK LULUS" in job.summary  # the Markdown report on the run's summary page


def test_action_passes_and_submits(
    tmp_path: Path, action_dir: Path, runner_bin: Path, live: tuple[str, Settings]
) -> None:
    base, _ = live
    token = _token(base)
    workspace = _sample_repository(tmp_path / "repo", GOOD, "api/openapi.yaml")
    inputs = {"path": "api/openapi.yaml", "install": "none", "submit": "true", "server": base, "token": token}
    job = run_action(action_dir, workspace, inputs, [runner_bin, Path(sys.executable).parent])
    assert not job.step("Set up Python").ran
    assert job.outputs["exit-code"] == "0" and job.step("Submit").code == 0, job.step("Submit").output
    assert re.fullmatch(rf"{re.escape(base)}/pengajuan/\d+", job.outputs["submission"])
    assert job.ok and job.step("Verdict").code == 0
    # A refused submission fails a job whose check passed: nothing is silently not submitted.
    job = run_action(action_dir, workspace, {**inputs, "token": "sgt_salah"}, [Path(sys.executable).parent])
    assert job.step("Submit").ran and "401" in job.step("Submit").output
    assert job.step("Verdict").code == 2 and not job.ok


def test_action_on_a_missing_document_fails_with_2_and_uploads_nothing(tmp_path: Path, action_dir: Path) -> None:
    workspace = _sample_repository(tmp_path / "repo", GOOD, "api/openapi.yaml")
    inputs = {"path": "openapi.yaml", "install": "none", "submit": "true", "server": "http://127.0.0.1:9"}
    job = run_action(action_dir, workspace, inputs, [Path(sys.executable).parent])
    assert job.outputs["exit-code"] == "2" and "openapi.yaml" in job.step("Check").output
    assert not job.step("Upload SARIF").ran and not job.step("Submit").ran
    assert job.step("Verdict").code == 2 and not job.ok


FAKE_DOCKER = '''\
#!{python}
"""A stand-in for docker (no daemon here): `build` is recorded; `run` checks that the container
would see what the gate needs (paths under its mounts, variables passed) and runs the gate with
only that: the mounted paths and the variables given with --env."""
import os, sys
args = sys.argv[1:]
log = os.environ["FAKE_DOCKER_LOG"]
with open(log, "a") as fh:
    fh.write(" ".join(args) + "\\n")
if args[0] == "build":
    sys.exit(0)
assert args[0] == "run"
volumes, env, i = [], {{}}, 1
while args[i].startswith("--"):
    if args[i] == "--rm":
        i += 1
        continue
    flag, value = args[i], args[i + 1]
    i += 2
    if flag == "--volume":
        host, inside = value.split(":")
        assert host == inside, value
        volumes.append(host)
    elif flag == "--workdir":
        workdir = value
    elif flag == "--env" and value in os.environ:
        env[value] = os.environ[value]
image, command = args[i], args[i + 1:]
assert image == "spbe-gate-action"
inside = lambda p: any(os.path.commonpath([p, v]) == v for v in volumes)
assert inside(workdir), workdir
for arg in command:
    path = arg.split("=", 1)[-1]
    if os.path.isabs(path):
        assert inside(path), f"{{path}} is not mounted"
env.update(PATH=os.path.dirname(sys.executable), HOME=workdir)
os.chdir(workdir)
os.execve(sys.executable, [sys.executable, "-m", "gate", *command], env)
'''


def test_action_with_the_docker_image(tmp_path: Path, action_dir: Path) -> None:
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "docker").write_text(FAKE_DOCKER.format(python=sys.executable))
    (fake / "docker").chmod(0o755)
    log = tmp_path / "docker.log"
    workspace = _sample_repository(tmp_path / "repo", LEGACY, "api/swagger.yaml")
    inputs = {"path": "api/swagger.yaml", "install": "docker", "lang": "en"}
    job = run_action(action_dir, workspace, inputs, [fake], env={"FAKE_DOCKER_LOG": str(log)})
    assert not job.step("Set up Python").ran
    assert job.step("Install SPBE Gate").code == 0, job.step("Install SPBE Gate").output
    calls = log.read_text().splitlines()
    assert calls[0].startswith("build") and calls[0].endswith(str(action_dir))
    assert job.step("Check").code == 0, job.step("Check").output
    assert "NOT PASSED" in job.step("Check").output  # SPBE_GATE_LANG reached the container
    sarif = json.loads((workspace / "spbe-gate.sarif").read_text())
    assert _sarif_uris(sarif) == {"api/swagger.yaml"}
    assert "NOT PASSED" in job.summary  # the step summary, outside the workspace, was mounted
    assert job.step("Verdict").code == 1


# -- GitLab CI -------------------------------------------------------------------------------


def run_gitlab_job(
    job: dict[str, Any], project: Path, variables: dict[str, str], path: Sequence[Path]
) -> tuple[int, str]:
    """The job's script as GitLab's runner runs it with bash: one shell, ``set -eo pipefail``, the
    lines in order, the CI/CD variables in the environment."""
    script = "set -eo pipefail\nset +o noclobber\n" + "\n".join(job["script"]) + "\n"
    env = {**_runner_env(path), "CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": str(project), **variables}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def gitlab_job() -> dict[str, Any]:
    template = yaml.safe_load((ROOT / "ci" / "gitlab" / "spbe-gate.gitlab-ci.yml").read_text())
    job = template["spbe-gate"]
    assert job["artifacts"]["when"] == "always"  # the reports are kept when the check fails
    return dict(job)


def test_gitlab_job_keeps_its_reports_when_the_check_fails(
    tmp_path: Path, gitlab_job: dict[str, Any], action_dir: Path, runner_bin: Path
) -> None:
    project = _sample_repository(tmp_path / "project", LEGACY, "api/swagger.yaml")
    code, log = run_gitlab_job(
        gitlab_job,
        project,
        {"SPBE_GATE_PATH": "api/swagger.yaml", "SPBE_GATE_INSTALL": str(action_dir)},
        [runner_bin],
    )
    assert code == 1, log  # check's exit code is the job's
    assert "TIDAK LULUS" in log
    for artifact in gitlab_job["artifacts"]["paths"]:
        assert (project / artifact).is_file(), artifact
    junit = ET.parse(project / gitlab_job["artifacts"]["reports"]["junit"]).getroot()
    assert int(junit.get("failures", "0")) > 0
    sarif = json.loads((project / "spbe-gate.sarif").read_text())
    assert _sarif_uris(sarif) == {"api/swagger.yaml"}
    _validate_sarif(sarif)


def test_gitlab_job_passes_and_submits(tmp_path: Path, gitlab_job: dict[str, Any], live: tuple[str, Settings]) -> None:
    base, _ = live
    project = _sample_repository(tmp_path / "project", GOOD, "openapi.yaml")
    secrets = {"SPBE_GATE_SERVER": base, "SPBE_GATE_TOKEN": _token(base)}
    code, log = run_gitlab_job(
        gitlab_job,
        project,
        {"SPBE_GATE_INSTALL": "", "SPBE_GATE_SUBMIT": "true", **secrets},
        [Path(sys.executable).parent],
    )
    assert code == 0, log
    assert re.search(rf"Layanan Perizinan Berusaha, versi \d+: {re.escape(base)}/pengajuan/\d+", log)
    code, log = run_gitlab_job(
        gitlab_job,
        project,
        {"SPBE_GATE_INSTALL": "", "SPBE_GATE_PATH": "tidak-ada.yaml"},
        [Path(sys.executable).parent],
    )
    assert code == 2 and "tidak-ada.yaml" in log


# -- pre-commit ------------------------------------------------------------------------------


def test_pre_commit_hook_files_pattern() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    files = re.compile(hook["files"])
    for name in ("openapi.yaml", "api/openapi.yml", "swagger.json", "layanan/v1/swagger.yaml"):
        assert files.search(name), name
    for name in ("openapi.yaml.bak", "docs/my-openapi.yaml", "config.yaml", "swagger.yaml/readme.md"):
        assert not files.search(name), name


def test_pre_commit_runs_the_hook_on_the_changed_documents(tmp_path: Path) -> None:
    """pre-commit itself: it installs the hook from this repository into its own environment and
    calls entry + args + the matching file names, all in one command."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit installs hooks from a git repository; this copy is not one")
    repo = _sample_repository(tmp_path / "repo", LEGACY, "api/swagger.yaml")
    shutil.copy2(GOOD, repo / "openapi.yaml")
    (repo / "config.yaml").write_text("bukan: openapi\n")
    env = {
        **_runner_env([Path(sys.executable).parent]),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        # The hook's environment sees the dependencies already installed here, so pre-commit's
        # `pip install` of the repository builds and installs the gate alone (13 s, not 30).
        "PYTHONPATH": str(_installed_packages()),
    }
    git = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contohkab.go.id"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "."], cwd=repo, check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "spbe-gate", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "- exit code: 1" in out
    assert "==> api/swagger.yaml <==" in out and "==> openapi.yaml <==" in out  # both, in one call
    assert "config.yaml" not in out.split("Using config:")[-1].split("=====")[-1]  # not an OpenAPI file
    assert "TIDAK LULUS" in out and "LULUS" in out


# -- SARIF -----------------------------------------------------------------------------------


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason="../shared/schemas is not beside this repository")
def test_sarif_validates_against_the_official_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gate.cli import main

    waived = ROOT / "tests" / "reports" / "data" / "openapi.yaml"  # a waiver: a suppressed result
    for document in (LEGACY, GOOD, waived):
        out = tmp_path / "spbe.sarif"
        main(["check", str(document), "--format", "sarif", "--output", str(out), "--base-dir", str(ROOT)])
        sarif = json.loads(out.read_text())
        _validate_sarif(sarif)
        relative = document.relative_to(ROOT).as_posix()
        assert _sarif_uris(sarif) <= {relative}
        assert sarif["runs"][0]["artifacts"][0]["location"] == {"uri": relative, "uriBaseId": "%SRCROOT%"}
    assert any("suppressions" in r for r in sarif["runs"][0]["results"])
    capsys.readouterr()


def test_sarif_locations_follow_the_base_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gate.cli import main

    repo = _sample_repository(tmp_path / "repo", LEGACY, "layanan kepegawaian/swagger.yaml")
    (repo / ".git").mkdir()  # a work tree: the default base
    document = str(repo / "layanan kepegawaian" / "swagger.yaml")

    def uris(*args: str) -> set[str]:
        main(["check", document, "--format", "sarif", *args])
        return _sarif_uris(json.loads(capsys.readouterr().out))

    assert uris() == {"layanan%20kepegawaian/swagger.yaml"}  # percent-encoded, as a URI reference is
    assert uris("--base-dir", str(repo / "layanan kepegawaian")) == {"swagger.yaml"}
    assert main(["check", document, "--format", "sarif", "--base-dir", str(repo / "README.md")]) == 2
    assert "--base-dir bukan folder" in capsys.readouterr().err
    other = tmp_path / "lain"
    other.mkdir()
    (absolute,) = uris("--base-dir", str(other))  # outside the base: an absolute URI, never a wrong relative one
    assert absolute.startswith("file:///") and absolute.endswith("/layanan%20kepegawaian/swagger.yaml")
