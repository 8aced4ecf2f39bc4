"""PostgreSQL: compress stored reports and uploaded files with lz4 instead of pglz

A submission stores its files (hundreds of KB) and the archived report (often close to 1 MB of
JSON). PostgreSQL compresses both on insert; with pglz that took ~8 ms of a ~60 ms submission on
the Twilio document, with lz4 ~1.5 ms for a similar ratio. Only rows written afterwards change;
servers built without lz4 keep pglz. SQLite does not compress: nothing to do there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("assessment", "report"), ("submissionfile", "content"))


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    query = "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
    return bind.execute(sa.text(query)).first() is not None


def upgrade() -> None:
    if _lz4_available():
        for table, column in COLUMNS:
            op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4')


def downgrade() -> None:
    if _lz4_available():
        for table, column in COLUMNS:
            op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION pglz')
