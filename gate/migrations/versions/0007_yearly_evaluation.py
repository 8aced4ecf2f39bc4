"""the yearly evaluation (evaluation, evaluation_item), bulk reassessments (reassess_batch,
reassess_item), and an index of probes by application and time (the availability figures)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["opened_by"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year"),
    )
    op.create_table(
        "reassess_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reassess_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("before_verdict", sa.String(length=10), nullable=False),
        sa.Column("before_level", sa.Integer(), nullable=True),
        sa.Column("after_verdict", sa.String(length=10), nullable=False),
        sa.Column("after_level", sa.Integer(), nullable=True),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("newly_failing", sa.JSON(), nullable=False),
        sa.Column("newly_passing", sa.JSON(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["reassess_batch.id"],
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batch_id", "application_id"),
    )
    with op.batch_alter_table("reassess_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reassess_item_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "evaluation_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("availability", sa.Float(), nullable=True),
        sa.Column("probes", sa.Integer(), nullable=False),
        sa.Column("drift", sa.Integer(), nullable=False),
        sa.Column("tls_days", sa.Integer(), nullable=True),
        sa.Column("budget_next_year", sa.Boolean(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("metadata", sa.JSON(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "menunggu",
                "berkelanjutan",
                "perlu_tindakan",
                "tidak_berkelanjutan",
                name="evaluationoutcome",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("todo", sa.JSON(), nullable=False),
        sa.Column("todo_deadline", sa.Date(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("overridden_by", sa.Integer(), nullable=True),
        sa.Column("renewed_letter_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["overridden_by"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["renewed_letter_id"],
            ["letter.id"],
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evaluation_id", "application_id"),
    )
    with op.batch_alter_table("evaluation_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_item_application_id"), ["application_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_item_evaluation_id"), ["evaluation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_item_outcome"), ["outcome"], unique=False)

    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.create_index("ix_probe_application_at", ["application_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.drop_index("ix_probe_application_at")

    with op.batch_alter_table("evaluation_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_item_outcome"))
        batch_op.drop_index(batch_op.f("ix_evaluation_item_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_item_application_id"))

    op.drop_table("evaluation_item")
    with op.batch_alter_table("reassess_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reassess_item_batch_id"))

    op.drop_table("reassess_item")
    op.drop_table("reassess_batch")
    op.drop_table("evaluation")
