"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import orjson
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import Session, SQLModel, select

import gate.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from gate.core.config import Settings
from gate.core.db import engine_for
from gate.core.migrate import alembic_config, upgrade
from gate.main import create_app
from gate.models import AssessmentRecord, Role, SubmissionFile
from gate.services.accounts import create_opd, create_user
from gate.services.audit import Actor
from gate.services.submissions import submit
from gate.services.uploads import Limits, single_file
from tests.service.test_workflow import GOOD


def test_migrations_match_the_models(settings: Settings) -> None:
    upgrade(settings)
    with engine_for(settings.sqlalchemy_url).connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []


def test_postgresql_leaves_compressed_columns_uncompressed(settings: Settings) -> None:
    if settings.sqlalchemy_url.startswith("sqlite"):
        pytest.skip("SQLite has no TOAST")
    upgrade(settings)
    query = (
        "SELECT c.relname, a.attname, a.attstorage FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = to_regnamespace(current_schema()) AND (c.relname, a.attname) IN "
        "(('assessment', 'report'), ('submissionfile', 'content'))"
    )
    with engine_for(settings.sqlalchemy_url).connect() as conn:
        found = {(t, c): mode for t, c, mode in conn.execute(text(query))}
    assert found == {("assessment", "report"): "e", ("submissionfile", "content"): "e"}


def test_stored_files_and_reports_survive_the_compression_migration_both_ways(settings: Settings) -> None:
    app = create_app(settings)
    with Session(app.state.engine) as s:
        opd = create_opd(s, "1.02.01", "Dinas Kesehatan")
        dev = create_user(s, "dev@dinkes.contohkab.go.id", "Dewi", "kata-sandi-uji-123", Role.DEVELOPER, opd.id)
        stored = submit(s, Actor(dev), "Layanan", single_file("openapi.yaml", GOOD, Limits(10**7, 10, 10**8)))
        report, assessment_id = stored.assessment.report, stored.assessment.id
    app.state.engine.dispose()
    engine = engine_for(settings.sqlalchemy_url)

    def raw() -> tuple[object, bytes]:
        with engine.connect() as conn:
            value = conn.execute(text("SELECT report FROM assessment WHERE id = :i"), {"i": assessment_id}).scalar_one()
            content = conn.execute(text("SELECT content FROM submissionfile")).scalar_one()
        return value, bytes(content)

    zstd_magic = b"\x28\xb5\x2f\xfd"
    value, content = raw()
    assert bytes(value).startswith(zstd_magic) and content.startswith(zstd_magic)  # type: ignore[arg-type]
    assert len(bytes(value)) * 5 < len(orjson.dumps(report))  # type: ignore[arg-type]

    command.downgrade(alembic_config(settings), "0003")
    value, content = raw()
    assert (orjson.loads(value) if isinstance(value, str | bytes) else value) == report
    assert content == GOOD

    engine.dispose()
    upgrade(settings)
    with Session(engine_for(settings.sqlalchemy_url)) as s:
        record = s.get(AssessmentRecord, assessment_id)
        assert record is not None and record.report == report
        assert s.exec(select(SubmissionFile)).one().content == GOOD
    assert raw()[1].startswith(zstd_magic)
