"""Uploaded files and archived reports are stored zstd-compressed (gate/core/packing.py)

assessment.report changes from JSON to a binary column holding the compressed JSON;
submissionfile.content keeps its type and holds the compressed bytes. Existing rows are
converted in batches. On PostgreSQL both columns use STORAGE EXTERNAL: the values are already
compressed, so TOAST need not try again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Callable, Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import op

from gate.core.packing import pack, unpack

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 50


def _rewrite(table: str, source: str, target: str, convert: Callable[[Any], bytes | str]) -> None:
    """target = convert(source) for every row, a batch of rows at a time (reports can be ~1 MB each)."""
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text(f'SELECT id FROM "{table}" ORDER BY id'))]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = bind.execute(
            sa.text(f'SELECT id, "{source}" FROM "{table}" WHERE id IN :ids').bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        ).all()
        for row_id, value in rows:
            bind.execute(
                sa.text(f'UPDATE "{table}" SET "{target}" = :v WHERE id = :id'), {"v": convert(value), "id": row_id}
            )


def _json_bytes(value: Any) -> bytes:
    # SQLite hands back the stored JSON text, psycopg the parsed value.
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def _storage(mode: str) -> None:
    """PostgreSQL: EXTERNAL stores large values out of line without trying to compress them."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f'ALTER TABLE "assessment" ALTER COLUMN "report" SET STORAGE {mode}')
        op.execute(f'ALTER TABLE "submissionfile" ALTER COLUMN "content" SET STORAGE {mode}')


def upgrade() -> None:
    op.add_column("assessment", sa.Column("report_z", sa.LargeBinary(), nullable=True))
    _rewrite("assessment", "report", "report_z", lambda v: pack(_json_bytes(v)))
    with op.batch_alter_table("assessment") as batch:
        batch.drop_column("report")
        batch.alter_column("report_z", new_column_name="report", existing_type=sa.LargeBinary(), nullable=False)
    _rewrite("submissionfile", "content", "content", lambda v: pack(bytes(v)))
    _storage("EXTERNAL")


def downgrade() -> None:
    op.add_column("assessment", sa.Column("report_j", sa.JSON(), nullable=True))
    _rewrite("assessment", "report", "report_j", lambda v: unpack(bytes(v)).decode())
    with op.batch_alter_table("assessment") as batch:
        batch.drop_column("report")
        batch.alter_column("report_j", new_column_name="report", existing_type=sa.JSON(), nullable=False)
    _rewrite("submissionfile", "content", "content", lambda v: unpack(bytes(v)))
    _storage("EXTENDED")
