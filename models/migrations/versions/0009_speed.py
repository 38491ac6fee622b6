"""speed: rollups and indexes for national scale

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for this round's work; filled by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
