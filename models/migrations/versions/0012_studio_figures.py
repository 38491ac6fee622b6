"""studio figures: per-item daily figures (content_day_figure) and period figures (content_period_figure)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "content_day_figure",
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channel.id"]),
        sa.ForeignKeyConstraint(["content_id"], ["content.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("content_id", "day"),
    )
    op.create_index("ix_content_day_figure_day", "content_day_figure", ["day", "channel_id"], unique=False)
    op.create_table(
        "content_period_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=True),
        sa.Column("likes", sa.Integer(), nullable=True),
        sa.Column("comments", sa.Integer(), nullable=True),
        sa.Column("shares", sa.Integer(), nullable=True),
        sa.Column("impressions", sa.Integer(), nullable=True),
        sa.Column("watch_time_s", sa.Float(), nullable=True),
        sa.Column("avg_watch_s", sa.Float(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["channel.id"]),
        sa.ForeignKeyConstraint(["content_id"], ["content.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_id", "start_day", "end_day"),
    )
    op.create_index(
        "ix_content_period_days",
        "content_period_figure",
        ["start_day", "end_day", "channel_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_content_period_days", table_name="content_period_figure")
    op.drop_table("content_period_figure")
    op.drop_index("ix_content_day_figure_day", table_name="content_day_figure")
    op.drop_table("content_day_figure")
