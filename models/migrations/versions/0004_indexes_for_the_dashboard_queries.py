"""indexes for the dashboard queries (content by kind and day; enrolment units and categories)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 06:09:37.576232
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("content", schema=None) as batch_op:
        batch_op.create_index("ix_content_kind_day", ["kind", "published_day"], unique=False)

    with op.batch_alter_table("enrolment_result", schema=None) as batch_op:
        batch_op.create_index("ix_enrolment_category", ["category"], unique=False)
        batch_op.create_index("ix_enrolment_unit", ["unit"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enrolment_result", schema=None) as batch_op:
        batch_op.drop_index("ix_enrolment_unit")
        batch_op.drop_index("ix_enrolment_category")

    with op.batch_alter_table("content", schema=None) as batch_op:
        batch_op.drop_index("ix_content_kind_day")
