"""Fixtures shared by the test packages: the demonstration application's two variants, each
started once per test session on 127.0.0.1 (tests/helpers.py:start_demo)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import start_demo


@pytest.fixture(scope="session")
def good() -> Iterator[str]:
    """Base URL of the variant that keeps its contract."""
    yield from start_demo()


@pytest.fixture(scope="session")
def defective() -> Iterator[str]:
    """Base URL of the variant with four defects (``--cacat``)."""
    yield from start_demo("--cacat")
