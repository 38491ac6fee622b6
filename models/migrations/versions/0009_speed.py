"""speed: daily enrolment rollup enrolment_day (all units per day and category); data_change; unit.channel

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrolment_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("day", "category"),
    )
    op.create_table(
        "data_change",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
    # Databases that already hold results get their daily sums at once.
    from models.rollup import rebuild_enrolment_day

    rebuild_enrolment_day(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("channel")
    op.drop_table("data_change")
    op.drop_table("enrolment_day")
