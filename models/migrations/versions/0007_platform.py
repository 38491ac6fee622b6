"""platform of a channel (facebook, youtube, zalo, tiktok): index, existing rows, quota units of a run

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every channel stored so far came from Facebook (Page, Graph API or Meta Business Suite export).
    op.execute("UPDATE channel SET platform = 'facebook' WHERE platform IS NULL OR platform = ''")
    with op.batch_alter_table("channel", schema=None) as batch_op:
        batch_op.create_index("ix_channel_platform", ["platform"], unique=False)
    with op.batch_alter_table("collection_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("api_units", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("collection_run", schema=None) as batch_op:
        batch_op.drop_column("api_units")
    with op.batch_alter_table("channel", schema=None) as batch_op:
        batch_op.drop_index("ix_channel_platform")
