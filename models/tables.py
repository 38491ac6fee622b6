"""The tables: what we know about channels, their content, and the counts seen over time.

All timestamps are time-zone aware in Python and stored in UTC (SQLModel's ``UTCDateTime``).
Where a local calendar day matters (the day a post belongs to), it is computed once, at write
time, in the channel's time zone, and stored beside the timestamp as a ``date``.
Counts are nullable: unknown is not zero.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.questions import TOPICS

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"

PLATFORMS = ("facebook", "zalo", "youtube", "tiktok", "instagram")
CONTENT_KINDS = ("post", "photo", "link", "video", "reel", "livestream", "article")
SNAPSHOT_SOURCES = ("graph_api", "export", "manual")
RUN_STATUSES = ("running", "ok", "partial", "failed")
ENROLMENT_CATEGORIES = ("voluntary_si", "health_insurance", "vssid_install", "non_cash")
# The categories whose results are new participants until an office marks others (migration 0010).
PARTICIPANT_CATEGORIES = ("voluntary_si", "health_insurance")
REPORT_NOTE_SECTIONS = ("assessment", "shortcomings", "next_tasks", "recommendations")
ACTIVITY_KINDS = (
    "art_performance",
    "booth",
    "conference",
    "small_group",
    "visual",
    "press",
    "messaging",
    "launch",
    "other",
)
ACTIVITY_SOURCES = ("import", "dashboard", "cli")
UNIT_LEVELS = ("province", "district", "commune", "other")
ROLES = ("viewer", "editor", "admin")
NAME_LIMIT = 255  # characters of a name (activity, unit, campaign, channel), the same on every database
ID_LIMIT = 64  # characters of a platform's id of an item


class Channel(SQLModel, table=True):
    """A fanpage or account on one platform (``PLATFORMS``); content, snapshots and rollups reach
    the platform through their channel."""

    __tablename__ = "channel"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        # The dashboard's platform filter and the per-platform summaries pick channels by platform.
        Index("ix_channel_platform", "platform"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(default="facebook", max_length=20)
    external_id: str = Field(max_length=ID_LIMIT)
    name: str = Field(max_length=255)
    timezone: str = Field(default=DEFAULT_TIMEZONE, max_length=64)
    followers: int | None = None
    link: str | None = None


class Content(SQLModel, table=True):
    """A post, photo, link, video, reel or livestream of a channel."""

    __tablename__ = "content"
    __table_args__ = (
        UniqueConstraint("channel_id", "external_id"),
        Index("ix_content_published_day", "published_day", "channel_id"),
        Index("ix_content_kind_day", "kind", "published_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channel.id", index=True)
    external_id: str = Field(max_length=ID_LIMIT)
    kind: str = Field(max_length=20)
    title: str | None = None
    message: str | None = None
    permalink: str | None = None
    published_at: datetime | None = None
    published_day: date | None = None
    duration_s: float | None = None
    labels: str | None = None
    live_status: str | None = Field(default=None, max_length=20)
    raw: dict | None = Field(default=None, sa_column=Column(JSON))


class MetricSnapshot(SQLModel, table=True):
    """Lifetime counts of one content item as seen at one moment. Append-only."""

    __tablename__ = "metric_snapshot"
    __table_args__ = (
        UniqueConstraint("content_id", "captured_at", "source"),
        Index("ix_snapshot_day", "captured_day", "content_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    content_id: int = Field(foreign_key="content.id")
    captured_at: datetime
    captured_day: date
    source: str = Field(max_length=20)
    views: int | None = None
    reach: int | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    watch_time_s: float | None = None
    avg_watch_s: float | None = None
    live_viewers: int | None = None


class PageMetric(SQLModel, table=True):
    """A page-level daily value (views, viewers, follows, engagements, …) for a local day."""

    __tablename__ = "page_metric"
    __table_args__ = (UniqueConstraint("channel_id", "day", "metric"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channel.id")
    day: date = Field(index=True)
    metric: str = Field(max_length=40)
    value: int | None = None
    source: str = Field(max_length=20)


class Campaign(SQLModel, table=True):
    """A named date range (inclusive) with optional targets per enrolment category."""

    __tablename__ = "campaign"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_LIMIT, unique=True)
    start_date: date
    end_date: date
    description: str | None = None
    targets: dict | None = Field(default=None, sa_column=Column(JSON))


class CampaignContent(SQLModel, table=True):
    """An explicit decision about one item: assigned to a campaign, or taken out of it.

    Content published inside a campaign's window belongs to it without a row here;
    ``assigned = False`` takes such an item out, ``assigned = True`` adds one from outside.
    """

    __tablename__ = "campaign_content"

    campaign_id: int = Field(foreign_key="campaign.id", primary_key=True, ondelete="CASCADE")
    content_id: int = Field(foreign_key="content.id", primary_key=True, ondelete="CASCADE")
    assigned: bool = True


class EnrolmentResult(SQLModel, table=True):
    """New enrolments of one category in one unit on one day."""

    __tablename__ = "enrolment_result"
    __table_args__ = (
        UniqueConstraint("day", "unit", "category"),
        # Lists of units and categories read these indexes one value at a time (metrics.distinct_values).
        Index("ix_enrolment_unit", "unit"),
        Index("ix_enrolment_category", "category"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    unit: str = Field(max_length=NAME_LIMIT)
    category: str = Field(max_length=64)
    count: int | None = None


class EnrolmentCategory(SQLModel, table=True):
    """The class of an enrolment category: ``participant`` (people who joined a scheme: voluntary
    social insurance, health insurance, any the office marks so) or another result of the work
    (VssID installs, non-cash payment…), counted beside participants, never added to them.

    A category without a row here is another result (``models.categories``)."""

    __tablename__ = "enrolment_category"

    code: str = Field(max_length=64, primary_key=True)
    participant: bool = False


class ReportNote(SQLModel, table=True):
    """What editors wrote for one period's report: shortcomings, next month's tasks, recommendations
    (``models.report_notes``); the report prints them, the audit trail keeps who changed them."""

    __tablename__ = "report_note"
    __table_args__ = (UniqueConstraint("period_start", "period_end", "section"),)

    id: int | None = Field(default=None, primary_key=True)
    period_start: date
    period_end: date
    section: str = Field(max_length=40)
    text: str
    updated_by: str = Field(max_length=100)
    updated_at: datetime


class EnrolmentDay(SQLModel, table=True):
    """Daily rollup of the enrolment results: new enrolments per local day and category, all units.

    The sums of ``enrolment_result`` per day and category, kept up to date as results are saved
    (``models.rollup``): a national month reads 4 rows a day instead of one per unit, category and
    day. Views narrowed to some units read ``enrolment_result`` itself."""

    __tablename__ = "enrolment_day"

    day: date = Field(primary_key=True)
    category: str = Field(max_length=64, primary_key=True)
    count: int | None = None


class DataChange(SQLModel, table=True):
    """When figures of a day and the days after it last changed (new or corrected snapshots, content,
    page figures, enrolment results): what makes kept figures of a finished period stale.

    One row per earliest changed day; a period ending on ``end`` is unchanged since ``T`` when no row
    with ``day`` ≤ ``end`` has ``changed_at`` after ``T`` (``models.metrics.campaign_table``)."""

    __tablename__ = "data_change"

    day: date = Field(primary_key=True)
    changed_at: datetime


class Activity(SQLModel, table=True):
    """A communication activity beyond the fanpage: an art performance, a booth, a conference, a banner…

    ``unit`` is ``""`` when the activity is province-wide; ``attendance`` (people reached offline)
    is None when unknown. The natural key is the name, the first local day and the unit.
    """

    __tablename__ = "activity"
    __table_args__ = (
        UniqueConstraint("name", "start_day", "unit"),
        Index("ix_activity_days", "start_day", "end_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_LIMIT)
    kind: str = Field(max_length=30)
    start_day: date
    end_day: date
    unit: str = Field(default="", max_length=NAME_LIMIT)
    venue: str | None = None
    attendance: int | None = None
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True, ondelete="SET NULL")
    note: str | None = None
    source: str = Field(max_length=20)
    created_by: str = Field(max_length=100)
    created_at: datetime
    updated_at: datetime


class ActivityResult(SQLModel, table=True):
    """People who enrolled (or were helped) on the spot at an activity, per enrolment category.

    A part of the enrolment results of the activity's days, never extra to them.
    """

    __tablename__ = "activity_result"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    category: str = Field(primary_key=True, max_length=64)
    count: int


class Unit(SQLModel, table=True):
    """An enrolment unit (province, district, commune or ward) with an optional parent.

    Since July 2025 offices report by commune or ward and their older sheets by district; a unit's
    aliases (``unit_alias``) are the names its results carried before, so history stays comparable.
    """

    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_LIMIT, unique=True)
    level: str | None = Field(default=None, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL")
    # The name of the channel (fanpage) that speaks for this unit and the units under it: a view of
    # some channels counts the enrolments of their units only (models.metrics.channel_units).
    channel: str | None = Field(default=None, max_length=255)


class UnitAlias(SQLModel, table=True):
    """Another name a unit's results were reported under: an old district (then several communes may
    share it: together they are that district) or a name spelt differently."""

    __tablename__ = "unit_alias"

    unit_id: int = Field(foreign_key="unit.id", primary_key=True, ondelete="CASCADE")
    alias: str = Field(max_length=255, primary_key=True)


class CollectionRun(SQLModel, table=True):
    """One run of one source: when, how it ended, what it brought."""

    __tablename__ = "collection_run"
    __table_args__ = (Index("ix_run_source_started", "source", "started_at"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=255)
    started_at: datetime
    finished_at: datetime | None = None
    status: str = Field(default="running", max_length=20)
    new_items: int = 0
    new_snapshots: int = 0
    message: str | None = None
    api_units: int | None = None  # quota units spent (YouTube counts each call against a daily quota)


class ImportedFile(SQLModel, table=True):
    """A file already imported, so that importing it again does nothing."""

    __tablename__ = "imported_file"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, unique=True)
    original_name: str
    kind: str = Field(max_length=40)
    rows: int = 0
    imported_at: datetime


class SourceState(SQLModel, table=True):
    """What a source remembers between runs (retired metrics, cursors, token problems)."""

    __tablename__ = "source_state"
    __table_args__ = (UniqueConstraint("source", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=255)
    key: str = Field(max_length=255)
    value: dict | list | str | None = Field(default=None, sa_column=Column(JSON))
    updated_at: datetime


class ContentDay(SQLModel, table=True):
    """Daily rollup of one item: its lifetime counts at the end of a local day and the day's gains.

    Kept up to date as snapshots land (``models.rollup``), so that queries over a window read one
    row per item and day instead of every snapshot ever taken.
    """

    __tablename__ = "content_day"
    __table_args__ = (Index("ix_content_day_day", "day", "channel_id"),)

    content_id: int = Field(foreign_key="content.id", primary_key=True, ondelete="CASCADE")
    day: date = Field(primary_key=True)
    channel_id: int = Field(foreign_key="channel.id")
    views: int | None = None
    reach: int | None = None
    reactions: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    watch_time_s: float | None = None
    avg_watch_s: float | None = None
    interactions: int | None = None
    views_gain: int | None = None
    interactions_gain: int | None = None
    captured_at: datetime


class ChannelDay(SQLModel, table=True):
    """Daily rollup of one channel: the views and interactions its content gained on a local day.

    The sums of ``content_day`` per channel and day, kept up to date with it (``models.rollup``), so
    that the daily trend of many channels reads one row per channel and day instead of one per item.
    The key starts with the day: the trend reads a window of days, for every channel or a few.
    """

    __tablename__ = "channel_day"

    day: date = Field(primary_key=True)
    channel_id: int = Field(foreign_key="channel.id", primary_key=True)
    views_gain: int | None = None
    interactions_gain: int | None = None


class ContentDayFigure(SQLModel, table=True):
    """What one item did on one local day, as a platform's export gives it (YouTube Studio's
    ``Chart data.csv``: the video's views that day).

    Figures of the day itself, not lifetime counts: kept apart from ``content_day``, which is
    computed from snapshots and recomputed from them by a rollup refresh or rebuild.
    """

    __tablename__ = "content_day_figure"
    __table_args__ = (Index("ix_content_day_figure_day", "day", "channel_id"),)

    content_id: int = Field(foreign_key="content.id", primary_key=True, ondelete="CASCADE")
    day: date = Field(primary_key=True)
    channel_id: int = Field(foreign_key="channel.id")
    views: int | None = None
    source: str = Field(max_length=20)


class ContentPeriodFigure(SQLModel, table=True):
    """What one item did over a period, as a platform's period export gives it (YouTube Studio's
    ``Table data.csv`` of ``Content 2025-06-13_2025-07-10 …``): the period's figures, never lifetime
    counts; net figures (likes minus likes withdrawn) may be negative. A later export of the same
    item and period replaces them."""

    __tablename__ = "content_period_figure"
    __table_args__ = (
        UniqueConstraint("content_id", "start_day", "end_day"),
        Index("ix_content_period_days", "start_day", "end_day", "channel_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    content_id: int = Field(foreign_key="content.id", ondelete="CASCADE")
    channel_id: int = Field(foreign_key="channel.id")
    start_day: date
    end_day: date
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    impressions: int | None = None
    watch_time_s: float | None = None
    avg_watch_s: float | None = None
    source: str = Field(max_length=20)


class AppUser(SQLModel, table=True):
    """A person who may sign in to the dashboard, with one role; the password only as an argon2 hash."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=255)
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime


class UserSession(SQLModel, table=True):
    """A signed-in session: only the SHA-256 of its random token is stored, with its expiry."""

    __tablename__ = "user_session"

    token_sha256: str = Field(max_length=64, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    created_at: datetime
    expires_at: datetime


class AuditEvent(SQLModel, table=True):
    """Who changed what, and when: imports, campaign and enrolment edits, user management."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    user_name: str = Field(max_length=100)
    action: str = Field(max_length=40)
    target: str | None = None
    detail: dict | None = Field(default=None, sa_column=Column(JSON))


COMMENT_TOPICS = TOPICS  # the topics models.questions tells, in its order


DEFAULT_KEEP_DAYS = 90  # days a comment's text is kept unless the sources file says otherwise


class Comment(SQLModel, table=True):
    """A comment or reply on one content item, without the commenter's name.

    The commenter is kept only as a salted hash (``author_hash``: distinct people, never who);
    ``from_page`` marks the office's own replies. ``text`` is kept for a configured number of days,
    or never (counts only); the whole row then goes into ``comment_day`` (``models.retention``).
    ``reply_at`` is the Page's first reply in the thread after a question, None while unanswered.
    """

    __tablename__ = "comment"
    __table_args__ = (
        UniqueConstraint("content_id", "external_id"),
        Index("ix_comment_day", "created_day", "content_id"),
        Index("ix_comment_thread", "content_id", "thread_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    content_id: int = Field(foreign_key="content.id", ondelete="CASCADE")
    external_id: str = Field(max_length=128)
    thread_id: str = Field(max_length=128)
    author_hash: str | None = Field(default=None, max_length=64)
    from_page: bool = False
    created_at: datetime
    created_day: date
    offset_s: float | None = None  # seconds into the broadcast, for comments during a livestream
    text: str | None = None
    link: str | None = None
    is_question: bool = False
    topic: str = Field(default="other", max_length=30)
    topic_by: str | None = Field(default=None, max_length=100)  # the staff member who set the topic
    reply_at: datetime | None = None


class CommentDay(SQLModel, table=True):
    """What is left of removed comments: their counts per content item, local day and topic.

    Only comments already removed from ``comment`` are counted here, so a period's figures are the
    kept comments plus these counts, never the same comment twice."""

    __tablename__ = "comment_day"

    content_id: int = Field(foreign_key="content.id", primary_key=True, ondelete="CASCADE")
    day: date = Field(primary_key=True)
    topic: str = Field(max_length=30, primary_key=True)
    comments: int = 0
    questions: int = 0
    answered: int = 0
