"""How each kind of file lands in the database: one save function per entry of the file-kind
registry (``collector/kinds.py``), called inside the import's transaction with the parsed records, the
import's options and its report (which it fills with what changed)."""

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, select

from collector.platforms.zalo.api import PLATFORM as ZALO
from collector.plumbing.reading import FileProblem, normalise_header, slug
from models.activities import campaign_ids
from models.activities import save_activities as save_activity_records
from models.auth import cli_user, enrolment_changes, record_audit
from models.categories import mark_categories
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    channel_timezone,
    save_campaign,
    save_channel,
    save_contents,
    save_day_figures,
    save_enrolments,
    save_page_metrics,
    save_period_figures,
    save_snapshots,
)
from models.store import (
    save_units as save_unit_records,
)
from models.tables import Campaign, Channel, Content, PageMetric
from models.write import local_day

if TYPE_CHECKING:
    from collector.importer import ImportOptions, ImportReport
    from collector.kinds import Parsed
    from collector.platforms.facebook.export import DailySeries, PageSeries, PostsExport
    from collector.platforms.instagram.export import InstagramPosts
    from collector.platforms.tiktok.export import TikTokStudioExport
    from collector.platforms.youtube.export import ChannelDays, ChartData, StudioExport
    from collector.platforms.zalo.export import ArticleSheet
    from collector.sheets.activities import ActivitySheet
    from collector.sheets.enrolment import CampaignSheet, EnrolmentSheet
    from collector.sheets.units import UnitSheet
    from models.store import PageMetricRecord


def save_posts(
    connection: Connection, content: "PostsExport", options: "ImportOptions", report: "ImportReport"
) -> None:
    if content.channel is not None:
        channel_id, report.page = save_channel(connection, content.channel), content.channel.name
    else:
        channel_id, report.page = _channel(connection, options, report.file)
    saved = save_contents(connection, channel_id, content.contents)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)


def save_studio_export(
    connection: Connection, content: "StudioExport", options: "ImportOptions", report: "ImportReport"
) -> None:
    channel_id, report.page = _youtube_channel(connection, options)
    saved = save_contents(connection, channel_id, content.contents)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)
    if content.period is not None:
        start, end = content.period
        stored = save_period_figures(connection, channel_id, saved.ids, content.periods)
        report.note("studio_period", start=start.isoformat(), end=end.isoformat(), count=stored)
        report.captured_at = None  # a period's figures are no counts "as of" a moment
    if content.days_unknown:
        report.note("studio_days_unknown", count=content.days_unknown)
    report.views_total = content.views_total


def save_article_sheet(
    connection: Connection, content: "ArticleSheet", options: "ImportOptions", report: "ImportReport"
) -> None:
    channel_id, report.page = _zalo_channel(connection, options, report.file)
    records, snapshots = _match_collected(connection, channel_id, content)
    saved = save_contents(connection, channel_id, records)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, snapshots)


def save_enrolment(
    connection: Connection, content: "EnrolmentSheet", options: "ImportOptions", report: "ImportReport"
) -> None:
    changes = enrolment_changes(connection, content.records)
    if changes:
        detail = {"count": len(changes), "changes": changes[:500]}
        record_audit(connection, options.user or cli_user(), "enrolment_change", report.file, detail)
    saved_results = save_enrolments(connection, content.records)
    mark_categories(connection, content.classes)  # participants or other results, as the sheet marks them
    report.new, report.updated = saved_results.new, saved_results.changed
    report.unchanged = saved_results.unchanged


def save_activities(
    connection: Connection, content: "ActivitySheet", options: "ImportOptions", report: "ImportReport"
) -> None:
    saved = save_activity_records(connection, content.records, "import", options.user or cli_user())
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged


def save_units(
    connection: Connection, content: "UnitSheet", options: "ImportOptions", report: "ImportReport"
) -> None:
    saved_units = save_unit_records(connection, content.records)
    report.new, report.updated, report.unchanged = (
        saved_units.new,
        saved_units.changed,
        saved_units.unchanged,
    )


def save_campaigns(
    connection: Connection, content: "CampaignSheet", options: "ImportOptions", report: "ImportReport"
) -> None:
    _save_campaigns(connection, content, report)


def check_campaigns(engine: Engine, parsed: "Parsed") -> None:
    """Rows of an activities sheet naming a campaign the database does not hold are bad rows."""
    sheet = parsed.content
    with engine.connect() as connection:
        ids = campaign_ids(connection, (record.campaign for record in sheet.records))
    unknown = {name for name, campaign_id in ids.items() if campaign_id is None}
    if unknown:
        sheet.refuse_campaigns(unknown)
        parsed.good_rows = len(sheet.records)


def _channel(connection: Connection, options: "ImportOptions", file: str) -> tuple[int, str]:
    """The channel named by ``--channel`` (name or Page ID), else the only channel there is."""
    channels = connection.execute(select(Channel.id, Channel.name, Channel.external_id)).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
        known = ", ".join(name for _, name, _ in channels) or "-"
        raise FileProblem("channel_unknown", channel=options.channel, known=known)
    if len(channels) == 1:
        return channels[0][0], channels[0][1]
    raise FileProblem("no_channel", file=file)


def _youtube_channel(connection: Connection, options: "ImportOptions") -> tuple[int, str]:
    """The YouTube channel a Studio export belongs to (the file does not say): the one named by
    ``--channel`` (name or channel id), else the only YouTube channel; with none yet, a new YouTube
    channel named by ``--channel`` (or "YouTube"), so an office without an API key can start here."""
    query = select(Channel.id, Channel.name, Channel.external_id).where(Channel.platform == "youtube")
    channels = connection.execute(query).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
    elif len(channels) == 1:
        return channels[0][0], channels[0][1]
    elif channels:
        raise FileProblem("youtube_channel_ambiguous", known=", ".join(name for _, name, _ in channels))
    name = (options.channel or "YouTube").strip()
    record = ChannelRecord(external_id=f"studio:{slug(name)}"[:64], name=name, platform="youtube")
    return save_channel(connection, record), name


def _zalo_channel(connection: Connection, options: "ImportOptions", file: str) -> tuple[int, str]:
    """The Zalo channel named by ``--channel`` (name or OA ID; created when there is none of that name),
    else the only Zalo channel there is. The sheet itself does not say which OA it is."""
    channels = connection.execute(
        select(Channel.id, Channel.name, Channel.external_id).where(Channel.platform == ZALO)
    ).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
        name = options.channel.strip()
        external_id = f"sheet-{wanted.replace(' ', '-')}"[:64]
        record = ChannelRecord(external_id, name, platform=ZALO, timezone=options.timezone)
        return save_channel(connection, record), name
    if len(channels) == 1:
        return channels[0][0], channels[0][1]
    raise FileProblem("zalo_no_channel", file=file)


def _match_collected(
    connection: Connection, channel_id: int, sheet: "ArticleSheet"
) -> tuple[list[ContentRecord], list[SnapshotRecord]]:
    """Articles the sheet gives no id for take the id of the one already collected with the same title
    and publication day (from the API), so the sheet adds counts to it instead of a duplicate."""
    stored = connection.execute(
        select(Content.external_id, Content.title, Content.published_day).where(
            Content.channel_id == channel_id
        )
    ).all()
    by_title_day = {(normalise_header(title or ""), day): external_id for external_id, title, day in stored}
    timezone = channel_timezone(connection, channel_id)
    renamed: dict[str, str] = {}
    records = []
    for record in sheet.contents:
        day = local_day(record.published_at, timezone) if record.published_at else None
        match = by_title_day.get((normalise_header(record.title or ""), day))
        if record.external_id.startswith("sheet-") and match and match != record.external_id:
            renamed[record.external_id] = match
            record = replace(record, external_id=match)
        records.append(record)
    snapshots = [
        replace(
            snapshot,
            content_external_id=renamed.get(snapshot.content_external_id, snapshot.content_external_id),
        )
        for snapshot in sheet.snapshots
    ]
    return records, snapshots


def _save_campaigns(connection: Connection, campaigns: "CampaignSheet", report: "ImportReport") -> None:
    columns = (Campaign.name, Campaign.start_date, Campaign.end_date, Campaign.description, Campaign.targets)
    existing = {row[0]: tuple(row[1:]) for row in connection.execute(select(*columns)).all()}
    for record in {record.name: record for record in campaigns.records}.values():
        values = (record.start_date, record.end_date, record.description, record.targets)
        if record.name not in existing:
            report.new += 1
        elif existing[record.name] != values:
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        save_campaign(connection, record)


def save_instagram_posts(
    connection: Connection, content: "InstagramPosts", options: "ImportOptions", report: "ImportReport"
) -> None:
    """Into the Instagram account the export names (created when new), never a Facebook Page."""
    channel_id, report.page = save_channel(connection, content.channel), content.channel.name
    saved = save_contents(connection, channel_id, content.contents)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)


def save_chart_data(
    connection: Connection, content: "ChartData", options: "ImportOptions", report: "ImportReport"
) -> None:
    """The videos Chart data names that the channel does not hold yet, and its daily views per video as
    figures of those days (``content_day_figure``, never a video's total)."""
    channel_id, report.page = _youtube_channel(connection, options)
    stored: dict[str, int] = dict(
        connection.execute(
            select(Content.external_id, Content.id).where(Content.channel_id == channel_id)
        ).all()
    )
    fresh = [record for record in content.contents if record.external_id not in stored]
    saved = save_contents(connection, channel_id, fresh)
    report.new, report.unchanged = saved.new, len(content.contents) - saved.new
    save_day_figures(connection, channel_id, {**stored, **saved.ids}, content.figures())
    days = content.views_by_day()
    report.views_total = sum(days.values())
    if days:
        start, end = min(days).isoformat(), max(days).isoformat()
        report.note("studio_chart_read", videos=len(content.contents), start=start, end=end)


def save_channel_days(
    connection: Connection, content: "ChannelDays", options: "ImportOptions", report: "ImportReport"
) -> None:
    """Studio's Totals.csv: the YouTube channel's views per day."""
    channel_id, report.page = _youtube_channel(connection, options)
    report.views_total = sum(record.value or 0 for record in content.records)
    _save_daily(connection, channel_id, content.records, report)


def save_page_series(
    connection: Connection, content: "PageSeries", options: "ImportOptions", report: "ImportReport"
) -> None:
    # --channel may name the Instagram account for a series whose name line does not say Instagram.
    platforms = ("facebook", "instagram") if options.channel else (content.platform,)
    channel_id, report.page = _platform_channel(connection, options, report.file, *platforms)
    _save_daily(connection, channel_id, content.records, report)


def save_daily_series(
    connection: Connection, content: "DailySeries", options: "ImportOptions", report: "ImportReport"
) -> None:
    channel_id, report.page = _platform_channel(connection, options, report.file, content.platform)
    _save_daily(connection, channel_id, content.records, report)


def _platform_channel(
    connection: Connection, options: "ImportOptions", file: str, *platforms: str
) -> tuple[int, str]:
    """The channel of ``platforms`` named by ``--channel`` (name or ID), else the only one there is."""
    channels = connection.execute(
        select(Channel.id, Channel.name, Channel.external_id).where(Channel.platform.in_(platforms))
    ).all()
    if options.channel:
        wanted = normalise_header(options.channel)
        for channel_id, name, external_id in channels:
            if options.channel.strip() == external_id or normalise_header(name) == wanted:
                return channel_id, name
        known = ", ".join(name for _, name, _ in channels) or "-"
        raise FileProblem("channel_unknown", channel=options.channel, known=known)
    if len(channels) == 1:
        return channels[0][0], channels[0][1]
    raise FileProblem("no_channel", file=file)


def _save_daily(
    connection: Connection, channel_id: int, records: "list[PageMetricRecord]", report: "ImportReport"
) -> None:
    """Daily values of one channel; a day already held with another value is updated and named."""
    latest = {(record.metric, record.day): record for record in records}
    existing: dict[tuple[str, date], int | None] = {}
    if latest:
        days = [day for _, day in latest]
        query = select(PageMetric.metric, PageMetric.day, PageMetric.value).where(
            PageMetric.channel_id == channel_id,
            PageMetric.metric.in_({metric for metric, _ in latest}),
            PageMetric.day.between(min(days), max(days)),
        )
        existing = {(metric, day): value for metric, day, value in connection.execute(query)}
    changed = [
        record for key, record in latest.items() if key not in existing or existing[key] != record.value
    ]
    report.new = sum(1 for record in changed if (record.metric, record.day) not in existing)
    report.updated = len(changed) - report.new
    report.unchanged = len(latest) - len(changed)
    updates = sorted(
        (record.day, record.metric, existing[(record.metric, record.day)], record.value)
        for record in changed
        if (record.metric, record.day) in existing
    )
    if updates:
        shown = ", ".join(
            f"{day.isoformat()} {metric} {old} → {new}" for day, metric, old, new in updates[:10]
        )
        more = f" (+{len(updates) - 10})" if len(updates) > 10 else ""
        report.note("days_changed", count=len(updates), days=shown + more)
    save_page_metrics(connection, channel_id, changed)


def save_tiktok_studio(
    connection: Connection, content: "TikTokStudioExport", options: "ImportOptions", report: "ImportReport"
) -> None:
    """Into the TikTok account named by ``--channel``, else the only one; with none yet, a new one
    named by the account in the videos' links (the export does not name its account otherwise)."""
    has_channel = connection.execute(select(Channel.id).where(Channel.platform == "tiktok").limit(1)).first()
    if options.channel or has_channel:
        channel_id, report.page = _platform_channel(connection, options, report.file, "tiktok")
    else:
        name = f"@{content.account}" if content.account else "TikTok"
        record = ChannelRecord(f"studio:{name}"[:64], name, platform="tiktok", timezone=options.timezone)
        channel_id, report.page = save_channel(connection, record), name
    saved = save_contents(connection, channel_id, content.contents)
    report.new, report.updated, report.unchanged = saved.new, saved.updated, saved.unchanged
    report.new_snapshots = save_snapshots(connection, channel_id, saved.ids, content.snapshots)
