"""enrolment units with parents and aliases

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for this round's work; filled by the change that needs it."""


def downgrade() -> None:
    """Nothing to undo yet."""
