"""figures: enrolment_category (participants against other results), report_note (editors' report sections)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Seeded classes: joining a scheme is participation; installing the app or choosing non-cash payment is not.
SEED = {"voluntary_si": True, "health_insurance": True, "vssid_install": False, "non_cash": False}


def upgrade() -> None:
    category = op.create_table(
        "enrolment_category",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("participant", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.bulk_insert(category, [{"code": code, "participant": flag} for code, flag in SEED.items()])
    op.create_table(
        "report_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_start", "period_end", "section"),
    )


def downgrade() -> None:
    op.drop_table("report_note")
    op.drop_table("enrolment_category")
