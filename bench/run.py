"""Benchmark: spbe-gate's full check beside Spectral (spectral:oas) and Redocly (recommended).

Each tool runs as its own process on each document, N times; we report the median wall time and
the peak resident memory of the process (wait4's ru_maxrss of the waited child; Node's worker
threads are threads of that process, so they are counted). All tools are measured in the same
run on the same machine, so the ratios are comparable.

    bash bench/setup.sh            # installs the peers from the npm registry into bench/.peers
    .venv/bin/python bench/run.py  # prints the table and writes bench/results/<date>.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(os.environ.get("SPBE_GATE_SHARED", ROOT.parent / "shared")) / "specs"
BENCH = ROOT / "bench"
PEERS = BENCH / ".peers" / "node_modules" / ".bin"
#: Targets the table is checked against (issue 14): the gate at most this share of Redocly's
#: time, Spectral at least this many times the gate's, peak memory below both.
MAX_SHARE_OF_REDOCLY = 0.6
MIN_TIMES_SPECTRAL = 4.0
# A pip-installed package carries its bytecode; a session that sets PYTHONDONTWRITEBYTECODE
# would make every gate run compile its ~100 modules again (~0.06 s), which no user pays.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "NO_COLOR": "1",
}


def documents() -> list[str]:
    """Every document in ../shared/specs/, as its SOURCES.tsv lists them (a multi-file document
    by its root file), largest first."""
    sources = SPECS / "SOURCES.tsv"
    if not sources.exists():
        return []
    names = [line.split("\t", 1)[0] for line in sources.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return sorted(names, key=lambda n: -(SPECS / n).stat().st_size if (SPECS / n).exists() else 0)


@dataclass
class Measure:
    seconds: float
    peak_mib: float
    exit_code: int


def _run_once(cmd: list[str]) -> Measure:
    # posix_spawn (vfork) rather than fork: a forked child would start with this process's
    # memory counted in its peak RSS.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        started = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, ENV, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - started
    finally:
        os.close(devnull)
    return Measure(elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, Measure]:
    """Median of ``runs`` runs per tool, the tools taking turns: this machine's speed drifts
    over minutes, and taking turns lets every tool meet the same drift."""
    for cmd in cmds.values():
        _run_once(cmd)  # warm-up: file cache, Python bytecode
    results: dict[str, list[Measure]] = {tool: [] for tool in cmds}
    for _ in range(runs):
        for tool, cmd in cmds.items():
            results[tool].append(_run_once(cmd))
    return {
        tool: Measure(
            statistics.median(r.seconds for r in rs),
            max(r.peak_mib for r in rs),
            rs[-1].exit_code,
        )
        for tool, rs in results.items()
    }


def commands(doc: Path) -> dict[str, list[str]]:
    return {
        "spbe-gate": [
            str(ROOT / ".venv" / "bin" / "spbe-gate"),
            "check",
            str(doc),
            "--format",
            "json",
            "-o",
            "/dev/null",
        ],
        "Redocly": [
            str(PEERS / "redocly"),
            "lint",
            str(doc),
            "--config",
            str(ROOT / "bench" / "redocly.yaml"),
            "--format",
            "json",
        ],
        "Spectral": [
            str(PEERS / "spectral"),
            "lint",
            str(doc),
            "--ruleset",
            str(ROOT / "bench" / "spectral.yaml"),
            "--format",
            "json",
            "--quiet",
        ],
    }


def _operations(doc: Path) -> int:
    """Counted in a child process, so this one stays small."""
    code = "import sys; from pathlib import Path; from rules.engine import assess_path; "
    code += "print(assess_path(Path(sys.argv[1]), rules=[]).document.operations)"
    out = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, cwd=ROOT, check=True)
    return int(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="document names to run (default: every one in ../shared/specs)")
    args = parser.parse_args()
    missing = [tool for tool in ("redocly", "spectral") if not (PEERS / tool).exists()]
    if missing:
        print(f"peers missing: {missing}; run bash bench/setup.sh", file=sys.stderr)
        return 2
    rows = []
    load_before = os.getloadavg()
    for name in documents():
        doc = SPECS / name
        if not doc.exists() or (args.only and name not in args.only):
            continue
        size = doc.stat().st_size if doc.is_file() else 0
        results = measure(commands(doc), args.runs)
        rows.append((name, size, _operations(doc), results))
        gate, red, spec = results["spbe-gate"], results["Redocly"], results["Spectral"]
        summary = [
            f"{tool} {m.seconds:.2f}s/{m.peak_mib:.0f}MiB" for tool, m in (("spbe-gate", gate), ("Redocly", red))
        ]
        print(f"{name}: {'  '.join(summary)}  Spectral {spec.seconds:.2f}s/{spec.peak_mib:.0f}MiB", file=sys.stderr)
    load_after = os.getloadavg()
    versions = _versions()
    lines = [
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, median of {args.runs} runs (the tools taking turns) "
        "after a warm-up; peak RSS of the process. Load average (1 min) "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after.",
        f"spbe-gate {versions['spbe-gate']} ({versions['rules']} rules), Redocly CLI {versions['redocly']} "
        f"(`recommended`), Spectral {versions['spectral']} (`spectral:oas`).",
        "",
        "| document | size | ops | spbe-gate s / MiB | Redocly s / MiB | Spectral s / MiB "
        "| gate ÷ Redocly | Spectral ÷ gate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    missed: list[str] = []
    for name, size, ops, r in rows:
        gate, red, spec = r["spbe-gate"], r["Redocly"], r["Spectral"]
        shown = f"{size / 1e6:.1f} MB" if size > 100_000 else f"{size / 1e3:.0f} KB" if size else "multi-file"
        times = f"{gate.seconds:.2f} / {gate.peak_mib:.0f} | {red.seconds:.2f} / {red.peak_mib:.0f}"
        times += f" | {spec.seconds:.2f} / {spec.peak_mib:.0f}"
        share, times_spectral = gate.seconds / red.seconds, spec.seconds / gate.seconds
        ratios = f"{share:.2f}× | {times_spectral:.1f}×"
        lines.append(f"| {name} | {shown} | {ops} | {times} | {ratios} |")
        if share > MAX_SHARE_OF_REDOCLY:
            missed.append(f"{name}: {share:.2f}× of Redocly's time (target ≤ {MAX_SHARE_OF_REDOCLY}×)")
        if times_spectral < MIN_TIMES_SPECTRAL:
            missed.append(f"{name}: {times_spectral:.1f}× faster than Spectral (target ≥ {MIN_TIMES_SPECTRAL:g}×)")
        if gate.peak_mib >= min(red.peak_mib, spec.peak_mib):
            missed.append(f"{name}: peak memory {gate.peak_mib:.0f} MiB, not below both peers")
    lines.append("")
    lines.append("Targets: " + ("all met." if not missed else "not met: " + "; ".join(missed) + "."))
    table = "\n".join(lines) + "\n"
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{date.today().isoformat()}.md").write_text(table, encoding="utf-8")
    return 0


def _versions() -> dict[str, str]:
    def package(name: str) -> str:
        path = ROOT / "bench" / ".peers" / "node_modules" / name / "package.json"
        return str(json.loads(path.read_text())["version"]) if path.exists() else "?"

    code = "from rules import __version__; from rules.registry import all_rules; print(__version__, len(all_rules()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    version, rules = out.split()
    return {
        "spbe-gate": version,
        "rules": rules,
        "redocly": package("@redocly/cli"),
        "spectral": package("@stoplight/spectral-cli"),
    }


if __name__ == "__main__":
    sys.exit(main())
