"""each probe keeps the digest of the live document it read: a round compares a live document with
the approved one only when its bytes changed since the last probe

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.drop_column("document_digest")
