"""What interactions are, as SQL: reactions + comments + shares (``models.metrics`` explains the
definitions). Kept apart from the metric queries so the rollup, which migrations and saving run,
does not load pandas."""

from sqlalchemy import ColumnElement, and_, case, func, literal

INTERACTION_PARTS = ("reactions", "comments", "shares")


def interactions_of(columns) -> ColumnElement:
    """reactions + comments + shares, unknown parts as 0, NULL when all three are unknown."""
    parts = [getattr(columns, name) for name in INTERACTION_PARTS]
    total = sum((func.coalesce(part, 0) for part in parts), literal(0))
    return case((and_(*(part.is_(None) for part in parts)), None), else_=total)
