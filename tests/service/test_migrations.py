"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import gate.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from gate.core.config import Settings
from gate.core.db import engine_for
from gate.core.migrate import upgrade


def test_migrations_match_the_models(settings: Settings) -> None:
    upgrade(settings)
    with engine_for(settings.sqlalchemy_url).connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []


def test_postgresql_compresses_reports_and_files_with_lz4(settings: Settings) -> None:
    if settings.sqlalchemy_url.startswith("sqlite"):
        pytest.skip("SQLite does not compress")
    upgrade(settings)
    query = (
        "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = to_regnamespace(current_schema()) AND (c.relname, a.attname) IN "
        "(('assessment', 'report'), ('submissionfile', 'content'))"
    )
    with engine_for(settings.sqlalchemy_url).connect() as conn:
        found = {(t, c): mode for t, c, mode in conn.execute(text(query))}
    assert found == {("assessment", "report"): "l", ("submissionfile", "content"): "l"}
