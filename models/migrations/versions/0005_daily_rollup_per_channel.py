"""daily rollup per channel

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 07:22:07.577972
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("views_gain", sa.Integer(), nullable=True),
        sa.Column("interactions_gain", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
        ),
        sa.PrimaryKeyConstraint("day", "channel_id"),
    )
    # Databases that already hold a per-item rollup get the per-channel sums at once.
    from models.rollup import rebuild_channel_day

    rebuild_channel_day(op.get_bind())


def downgrade() -> None:
    op.drop_table("channel_day")
