"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
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
