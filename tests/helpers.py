"""Shared test helpers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

#: Every rule case runs on this date, so checks that depend on "this year" are repeatable.
TODAY = date(2026, 7, 1)
SHARED = Path(__file__).resolve().parents[2] / "shared"
SPECS = SHARED / "specs"
EXPECT = re.compile(r"#\s*expect:\s*(.+?)\s*$")


def expected_findings(path: Path) -> set[tuple[str, int]]:
    """``# expect: /pointer [/another]`` comments: (pointer, line of the comment)."""
    out: set[tuple[str, int]] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = EXPECT.search(line)
        if m:
            for pointer in m.group(1).split():
                out.add(("" if pointer == '""' else pointer, lineno))
    return out


DEMO_APP = Path(__file__).resolve().parents[1] / "examples" / "layanan-perizinan"


def free_port(host: str = "127.0.0.1") -> int:
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def start_demo(*flags: str, host: str = "127.0.0.1") -> Iterator[str]:
    """Run the demonstration application (``examples/layanan-perizinan``) on ``host``; yields its base URL."""
    import subprocess
    import sys
    import time

    import httpx

    port = free_port(host)
    proc = subprocess.Popen([sys.executable, str(DEMO_APP / "server.py"), "--host", host, "--port", str(port), *flags])
    base = f"http://{host}:{port}/perizinan/v1"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/kesehatan", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def ci_token(base: str) -> str:
    """A CI token of the demo's DPMPTSP developer, made through the API as a developer does."""
    import httpx

    from gate.demo import DEMO_PASSWORD

    with httpx.Client(base_url=base) as c:
        r = c.post("/api/v1/auth/login", json={"email": "dev@dpmptsp.contohkab.go.id", "password": DEMO_PASSWORD})
        csrf = r.json()["csrf_token"]
        r = c.post("/api/v1/tokens", json={"nama": "pipeline"}, headers={"X-CSRF-Token": csrf})
        return str(r.json()["token"])
