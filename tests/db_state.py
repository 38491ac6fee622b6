"""What the database holds, to check that a refused import changed nothing."""

from sqlalchemy import Engine, select

from models.tables import (
    Activity,
    ActivityResult,
    Campaign,
    CampaignContent,
    Channel,
    Content,
    EnrolmentResult,
    ImportedFile,
    MetricSnapshot,
    PageMetric,
)

TABLES = (
    Channel,
    Content,
    MetricSnapshot,
    PageMetric,
    Campaign,
    CampaignContent,
    EnrolmentResult,
    Activity,
    ActivityResult,
    ImportedFile,
)


def database_state(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every imported-into table, sorted, so two states compare by content."""
    with engine.connect() as connection:
        return {
            model.__tablename__: sorted(
                map(tuple, connection.execute(select(model.__table__)).all()), key=repr
            )
            for model in TABLES
        }
