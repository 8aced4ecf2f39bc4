"""Fixtures shared by the test packages: the demonstration application's two variants, each
started once per test session on 127.0.0.1 (tests/helpers.py:start_demo)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import free_port, start_demo


@pytest.fixture(scope="session")
def good() -> Iterator[str]:
    """Base URL of the variant that keeps its contract."""
    yield from start_demo()


@pytest.fixture(scope="session")
def defective() -> Iterator[str]:
    """Base URL of the variant with four defects (``--cacat``)."""
    yield from start_demo("--cacat")


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """The gate service with the demo kabupaten, served by uvicorn on 127.0.0.1 (SQLite in
    tmp_path), for what talks to it over HTTP as CI does: ``spbe-gate submit``, the CI templates.
    Yields its base URL and its settings."""
    import uvicorn

    from gate.core.config import Settings
    from gate.demo import load_demo
    from gate.main import create_app

    settings = Settings(data_dir=tmp_path / "data", secret_key="uji-rahasia")
    app = create_app(settings)
    load_demo(app.state.engine)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", settings
    server.should_exit = True
    thread.join(5)
    app.state.engine.dispose()
