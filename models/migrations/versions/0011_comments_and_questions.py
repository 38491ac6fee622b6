"""comments and questions: comment (no names; salted commenter hash; text kept N days), comment_day

Revision ID: 0011
Revises: 0010 (the lead renumbers the chain when merging)
Create Date: 2026-12-08 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("thread_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("author_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("from_page", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_day", sa.Date(), nullable=False),
        sa.Column("offset_s", sa.Float(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("is_question", sa.Boolean(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("topic_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("reply_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["content_id"], ["content.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_id", "external_id"),
    )
    op.create_index("ix_comment_day", "comment", ["created_day", "content_id"], unique=False)
    op.create_index("ix_comment_thread", "comment", ["content_id", "thread_id"], unique=False)
    op.create_table(
        "comment_day",
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("questions", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["content_id"], ["content.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("content_id", "day", "topic"),
    )


def downgrade() -> None:
    op.drop_table("comment_day")
    op.drop_index("ix_comment_thread", table_name="comment")
    op.drop_index("ix_comment_day", table_name="comment")
    op.drop_table("comment")
