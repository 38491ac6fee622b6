"""platform of a channel (facebook, youtube, zalo, tiktok)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for this round's work; filled by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
