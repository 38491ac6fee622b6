"""The demo dataset: one provincial fanpage through the May 2024 drive, deterministic and realistic.

Shaped after the Lao Cai Social Insurance month described in PRODUCT.md: posts of every kind with
snapshots over time, the 22 May livestream (18,600 plays, 1,977 interactions) watched every three
minutes while on air, page-level daily views and viewers, the three campaigns, the month's
communication activities (performances, small groups, the Job Fair booth, the Golden Week launch,
conferences in mountain communes, banners, radio, Zalo), and enrolment
results by district whose 13–19 May totals are 262 / 1,837 / 519 / 101 and whose 25 May voluntary
plus health insurance total is 136; beside the fanpage, the office's Zalo Official Account with a
few May articles (views, shares) and its followers, and its YouTube channel where the same
livestream was carried (fewer people: 3,120 views) with a few clips. Written through the same
store functions as every source.
"""

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Engine, func, select

from collector.messages import say
from models.activities import ActivityRecord, save_activities
from models.errors import UserError
from models.i18n import language
from models.report_settings import ReportSettings
from models.store import (
    CampaignRecord,
    ChannelRecord,
    ContentRecord,
    EnrolmentRecord,
    PageMetricRecord,
    SnapshotRecord,
    finish_run,
    save_campaign,
    save_channel,
    save_contents,
    save_enrolments,
    save_page_metrics,
    save_snapshots,
    start_run,
)
from models.tables import Channel, Content

PAGE_ID = "100064523817765"
PAGE_NAME = "Bảo hiểm xã hội tỉnh Lào Cai"
FIRST_DAY = date(2024, 4, 1)
# Enrolment results go back further than the fanpage's data (the office's sheets predate the
# monitor): half a year of ordinary weeks before the drive, for the campaign-impact baseline and
# its placebo windows. Drawn from their own seed, so the days from FIRST_DAY on are unchanged.
HISTORY_FIRST_DAY = date(2023, 10, 2)
HISTORY_SEED = 20231002
# May 2023 (the same month a year before the drive): the office's results sheet for it, an ordinary
# month at lower levels, so May 2024 compares with the same month of the previous year. Its own
# seed; a month alone gives no baseline to the impact estimate, so no other figure changes.
YEAR_AGO_MONTH = (date(2023, 5, 1), date(2023, 5, 31))
YEAR_AGO_SEED = 20230501
YEAR_AGO_LEVEL = 0.8
CLOSED_DAYS = {date(2024, 1, 1), *(date(2024, 2, 8) + timedelta(days=n) for n in range(7))}  # Tết
LAST_DAY = date(2024, 6, 7)
# The moment the demo's collector "stopped": midnight local time after the last day.
DEMO_NOW = datetime(2024, 6, 7, 17, 0, tzinfo=UTC)
LOCAL = timedelta(hours=7)

UNITS = {  # district → share of the province's enrolments
    "Thành phố Lào Cai": 0.22,
    "Bảo Thắng": 0.15,
    "Bảo Yên": 0.11,
    "Văn Bàn": 0.10,
    "Bát Xát": 0.10,
    "Thị xã Sa Pa": 0.09,
    "Mường Khương": 0.08,
    "Bắc Hà": 0.08,
    "Si Ma Cai": 0.07,
}
DAILY_BASE = {"voluntary_si": 9, "health_insurance": 62, "vssid_install": 24, "non_cash": 4}
PEAK_DAYS = (date(2024, 5, 13), date(2024, 5, 19))
PEAK_TOTALS = {"voluntary_si": 262, "health_insurance": 1837, "vssid_install": 519, "non_cash": 101}
GOLDEN_WEEK_FIRST_DAY = {"voluntary_si": 31, "health_insurance": 105}  # 136 together

CAMPAIGNS = (
    CampaignRecord(
        "Tháng vận động triển khai BHXH toàn dân",
        date(2024, 5, 1),
        date(2024, 5, 31),
        "Tháng vận động triển khai thực hiện BHXH toàn dân",
    ),
    CampaignRecord(
        "7 ngày cao điểm tuyên truyền nhóm nhỏ",
        *PEAK_DAYS,
        "Tuyên truyền nhóm nhỏ tại thôn, bản, chợ phiên",
        {"voluntary_si": 250, "health_insurance": 1800},
    ),
    CampaignRecord(
        "Tuần lễ vàng cùng Bưu điện",
        date(2024, 5, 25),
        date(2024, 5, 31),
        "Tuần lễ vàng phát triển người tham gia BHXH tự nguyện, BHYT cùng Bưu điện tỉnh",
    ),
)

MONTH_DRIVE, PEAK_WEEK, GOLDEN_WEEK = (campaign.name for campaign in CAMPAIGNS)
# The month's work beyond the fanpage. Every on-the-spot result is a part of the enrolment results
# of its unit and days (the launch's 136 are the whole province's first day of Golden Week).
ACTIVITIES = (
    ActivityRecord(
        "Treo pano, băng rôn Tháng vận động BHXH toàn dân",
        "visual",
        date(2024, 5, 1),
        date(2024, 5, 31),
        venue="Trục đường chính, trung tâm các huyện, thị xã, thành phố",
        campaign=MONTH_DRIVE,
    ),
    ActivityRecord(
        "Biểu diễn văn nghệ, tiểu phẩm “Mua thẻ BHYT tại chỗ”",
        "art_performance",
        date(2024, 5, 8),
        date(2024, 5, 8),
        "Bảo Thắng",
        "Nhà văn hóa thị trấn Phố Lu",
        420,
        {"voluntary_si": 1, "health_insurance": 9},
        MONTH_DRIVE,
        "Cấp thẻ BHYT ngay tại buổi diễn",
    ),
    ActivityRecord(
        "Hội nghị đối thoại chính sách BHXH, BHYT tại xã Tả Van",
        "conference",
        date(2024, 5, 9),
        date(2024, 5, 9),
        "Thị xã Sa Pa",
        "UBND xã Tả Van",
        120,
        {"voluntary_si": 1, "health_insurance": 6},
        MONTH_DRIVE,
    ),
    ActivityRecord(
        "Tuyên truyền nhóm nhỏ tại thôn, bản, chợ phiên",
        "small_group",
        *PEAK_DAYS,
        venue="Thôn, bản, chợ phiên của 9 huyện, thị xã, thành phố",
        attendance=3860,
        results={"voluntary_si": 118, "health_insurance": 655, "vssid_install": 297},
        campaign=PEAK_WEEK,
    ),
    ActivityRecord(
        "Phóng sự “BHXH tự nguyện – điểm tựa tuổi già” trên Đài PT-TH Lào Cai",
        "press",
        date(2024, 5, 14),
        date(2024, 5, 14),
        venue="Đài Phát thanh – Truyền hình Lào Cai",
        campaign=PEAK_WEEK,
    ),
    ActivityRecord(
        "Chương trình văn nghệ tại chợ phiên Bắc Hà",
        "art_performance",
        date(2024, 5, 16),
        date(2024, 5, 16),
        "Bắc Hà",
        "Chợ phiên Bắc Hà",
        650,
        {"voluntary_si": 2, "health_insurance": 22, "vssid_install": 6},
        PEAK_WEEK,
        "Cấp thẻ BHYT ngay tại buổi diễn",
    ),
    ActivityRecord(
        "Nhắn tin Zalo nhắc gia hạn thẻ BHYT hộ gia đình",
        "messaging",
        date(2024, 5, 20),
        date(2024, 5, 20),
        venue="Zalo OA BHXH tỉnh Lào Cai",
        attendance=12400,
        campaign=MONTH_DRIVE,
    ),
    ActivityRecord(
        "Gian hàng tư vấn BHXH tại Phiên giao dịch việc làm",
        "booth",
        date(2024, 5, 21),
        date(2024, 5, 21),
        "Thành phố Lào Cai",
        "Trung tâm Dịch vụ việc làm tỉnh Lào Cai",
        68,
        {"voluntary_si": 2, "vssid_install": 7},
        MONTH_DRIVE,
    ),
    ActivityRecord(
        "Hội nghị tuyên truyền BHXH tự nguyện tại xã Y Tý",
        "conference",
        date(2024, 5, 23),
        date(2024, 5, 23),
        "Bát Xát",
        "Nhà văn hóa xã Y Tý",
        95,
        {"voluntary_si": 1, "health_insurance": 5},
        MONTH_DRIVE,
    ),
    ActivityRecord(
        "Lễ phát động Tuần lễ vàng cùng Bưu điện tỉnh",
        "launch",
        date(2024, 5, 25),
        date(2024, 5, 25),
        venue="Bưu điện tỉnh Lào Cai và các bưu cục",
        attendance=300,
        results={"voluntary_si": 31, "health_insurance": 105},
        campaign=GOLDEN_WEEK,
        note="136 người tham gia mới trong ngày đầu",
    ),
    ActivityRecord(
        "Đối thoại chính sách BHXH, BHYT tại xã Sán Chải",
        "conference",
        date(2024, 5, 28),
        date(2024, 5, 28),
        "Si Ma Cai",
        "UBND xã Sán Chải",
        80,
        {"health_insurance": 3},
        GOLDEN_WEEK,
    ),
)

TITLES = {
    "photo": [
        "Tháng vận động triển khai BHXH toàn dân: chung tay vì an sinh xã hội",
        "Tuyên truyền nhóm nhỏ tại chợ phiên Bắc Hà",
        "Cán bộ BHXH đến từng thôn bản hướng dẫn tham gia BHYT hộ gia đình",
        "Gian hàng BHXH tại Phiên giao dịch việc làm",
        "Trao sổ BHXH tự nguyện cho người dân xã Tả Van",
        "Hình ảnh ngày hội tuyên truyền BHXH, BHYT tại Si Ma Cai",
    ],
    "link": [
        "Nhận lương hưu qua tài khoản: an toàn, nhanh chóng",
        "Mức hỗ trợ đóng BHXH tự nguyện năm 2024",
        "Những điều cần biết về BHYT học sinh, sinh viên",
        "Quyền lợi khi tham gia BHXH tự nguyện",
    ],
    "video": [
        "Trả sổ BHXH, thẻ BHYT ngay tại chương trình văn nghệ 🎭",
        "Tiểu phẩm: Mua thẻ BHYT tại chỗ",
        "Hướng dẫn đăng ký tài khoản VssID",
        "Phóng sự: BHXH tự nguyện - điểm tựa tuổi già",
    ],
    "reel": [
        "30 giây hiểu về BHXH tự nguyện",
        "Cài VssID trong 1 phút",
        "BHYT hộ gia đình: đóng thế nào?",
        "Một ngày của cán bộ thu BHXH",
    ],
}
FINAL_VIEWS = {
    "photo": (2500, 9000),
    "link": (1500, 5000),
    "video": (4000, 12000),
    "reel": (6000, 20000),
    "livestream": (3000, 7000),
}
SNAPSHOT_HOURS = (1, 2, 4, 8, 12, 24, 48, 72, 120, 168, *range(192, 24 * 31, 24))

LIVESTREAM = {
    "external_id": f"{PAGE_ID}_122100000000316760",
    "title": "LIVESTREAM: Giải đáp chính sách BHXH, BHYT - Tháng vận động BHXH toàn dân",
    "published_at": datetime(2024, 5, 22, 13, 0, 2, tzinfo=UTC),
    "duration_s": 3725.4,
    "final": {
        "views": 18600,
        "reach": 11240,
        "reactions": 1502,
        "comments": 371,
        "shares": 104,
        "clicks": 655,
        "watch_time_s": 310956.0,
        "avg_watch_s": 16.718,
    },
    "peak_minute": 36,
    "peak_viewers": 1236,
}

# The letterhead of the demo's Word report (a real office sets its own in sources.toml [report]).
DEMO_REPORT_SETTINGS = ReportSettings(
    parent_agency="BẢO HIỂM XÃ HỘI VIỆT NAM",
    agency="BẢO HIỂM XÃ HỘI TỈNH LÀO CAI",
    place="Lào Cai",
    document_code="BC-BHXH",
    signer_title="GIÁM ĐỐC",
    signer="Nguyễn Văn A",
    recipients=(
        "BHXH Việt Nam (để b/c)",
        "Tỉnh ủy, UBND tỉnh (để b/c)",
        "Ban Giám đốc",
        "BHXH các huyện, thị xã, thành phố",
        "Lưu: VT, TT",
    ),
    agency_en="Lao Cai Provincial Social Insurance",
    place_en="Lao Cai",
    signer_title_en="Director",
)


# The office's YouTube channel: the 22 May broadcast carried there too (a smaller audience), and
# clips cut from the month's material. Drawn from its own seed: the Facebook figures are unchanged.
YOUTUBE_CHANNEL_ID = "UC" + "bhxhLaoCaiDemoChannel0"
YOUTUBE_SEED = 20240523
YOUTUBE_LIVE = {
    "external_id": "bhxhLive225",
    "title": LIVESTREAM["title"],
    # The YouTube stream went live two minutes after the fanpage's (its own encoder, started by hand).
    "published_at": LIVESTREAM["published_at"] + timedelta(minutes=2),
    "duration_s": 3725.0,
    "final": {"views": 3120, "reactions": 241, "comments": 80, "watch_time_s": 1281960.0},
    "peak_minute": 36,
    "peak_viewers": 214,
}
YOUTUBE_CLIPS = (  # (video id, title, local publish time, final views, likes, comments, seconds)
    ("bhxhClip001", "BHXH tự nguyện: an sinh cho mọi nhà", datetime(2024, 5, 6, 9, 0), 820, 44, 9, 152),
    ("bhxhClip002", "VssID trong 60 giây", datetime(2024, 5, 14, 10, 30), 620, 33, 7, 61),
    ("bhxhClip003", "Hỏi đáp BHYT học sinh, sinh viên", datetime(2024, 5, 20, 15, 0), 540, 21, 12, 305),
    ("bhxhClip004", "Tuần lễ vàng cùng Bưu điện", datetime(2024, 5, 25, 8, 0), 960, 52, 14, 118),
)


# The office's Zalo OA: (id, title, published at in UTC, final views, final shares); no random numbers, so the
# fanpage's figures (drawn from one seeded generator) are the same with or without it.
ZALO_OA_ID = "2906110893781256010"
ZALO_OA_NAME = "BHXH tỉnh Lào Cai"
ZALO_FOLLOWERS = (11_820, 12_460)  # on the first and the last day of the demo
ZALO_ARTICLES = (
    (
        "z20240502",
        "Tháng vận động BHXH toàn dân: BHXH tỉnh Lào Cai ra quân",
        datetime(2024, 5, 2, 1, 30),
        4215,
        86,
    ),
    (
        "z20240513",
        "7 ngày cao điểm tuyên truyền nhóm nhỏ tại thôn, bản",
        datetime(2024, 5, 13, 2, 0),
        3870,
        64,
    ),
    (
        "z20240521",
        "Mời theo dõi buổi giải đáp chính sách BHXH, BHYT tối 22/5",
        datetime(2024, 5, 21, 10, 0),
        2630,
        118,
    ),
    (
        "z20240525",
        "Tuần lễ vàng cùng Bưu điện: đóng BHXH tự nguyện ngay tại bưu cục",
        datetime(2024, 5, 25, 0, 45),
        2954,
        51,
    ),
    ("z20240529", "Cài đặt VssID – BHXH số trong 5 bước", datetime(2024, 5, 29, 3, 15), 2410, 38),
)


@dataclass(frozen=True)
class DemoSummary:
    channel_id: int
    items: int
    snapshots: int
    page_metrics: int
    enrolments: int
    campaigns: int
    activities: int = 0


def is_demo_database(engine: Engine) -> bool:
    """True when the database holds the demo page (so the demo can be served again)."""
    with engine.connect() as connection:
        return (
            connection.execute(
                select(Channel.id).where(Channel.external_id == PAGE_ID, Channel.platform == "facebook")
            ).first()
            is not None
        )


def default_report_settings(engine: Engine) -> ReportSettings:
    """The letterhead a Word report starts from: the demo's (Lao Cai) on the demo database, else
    the dotted blanks of ``ReportSettings``; the sources file and command options go on top."""
    return DEMO_REPORT_SETTINGS if is_demo_database(engine) else ReportSettings()


def load_demo(engine: Engine) -> DemoSummary:
    """Write the demo dataset into an empty database, as one transaction."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(Content)).scalar_one():
            raise UserError(say("demo_refused", language()))
    rng = random.Random(20240522)
    run_id = start_run(engine, "demo")
    with engine.begin() as connection:
        channel_id = save_channel(
            connection,
            ChannelRecord(PAGE_ID, PAGE_NAME, followers=48215, link=f"https://www.facebook.com/{PAGE_ID}"),
        )
        contents, snapshots = _content_and_snapshots(rng)
        saved = save_contents(connection, channel_id, contents)
        snapshot_count = save_snapshots(connection, channel_id, saved.ids, snapshots)
        page_count = save_page_metrics(connection, channel_id, _page_metrics(rng))
        enrolments = _year_ago_month() + _enrolment_history() + _enrolments(rng)
        save_enrolments(connection, enrolments)
        for campaign in CAMPAIGNS:
            save_campaign(connection, campaign)
        save_activities(connection, ACTIVITIES, "cli", "demo")
        zalo_items, zalo_snapshots, zalo_metrics = _zalo_oa(connection)
        youtube_items, youtube_snapshots = _youtube_channel(connection)
        _comments(connection, contents, saved.ids)
    items = saved.new + zalo_items + youtube_items
    snapshot_count += zalo_snapshots + youtube_snapshots
    finish_run(
        engine,
        run_id,
        "ok",
        new_items=items,
        new_snapshots=snapshot_count,
        message=say("demo_run", language()),
    )
    return DemoSummary(
        channel_id,
        items,
        snapshot_count,
        page_count + zalo_metrics,
        len(enrolments),
        len(CAMPAIGNS),
        len(ACTIVITIES),
    )


def _comments(connection: Connection, contents: list[ContentRecord], ids: dict[str, int]) -> int:
    """People's comments on the livestream and a few May posts, and the office's replies."""

    def item(record: ContentRecord) -> tuple[int, str, str, datetime]:
        return ids[record.external_id], record.external_id, record.permalink or "", record.published_at

    live = next(record for record in contents if record.external_id == LIVESTREAM["external_id"])
    may = [r for r in contents if r.kind != "livestream" and r.published_at.month == 5]
    from collector.demo_comments import save_demo_comments  # the comment model: only to load the demo

    return save_demo_comments(connection, PAGE_ID, item(live), [item(r) for r in may], DEMO_NOW)


def _youtube_channel(connection: Connection) -> tuple[int, int]:
    """The YouTube channel, its copy of the livestream and its clips; (items, snapshots) written."""
    rng = random.Random(YOUTUBE_SEED)
    channel_id = save_channel(
        connection,
        ChannelRecord(
            YOUTUBE_CHANNEL_ID,
            "BHXH Lào Cai",
            platform="youtube",
            followers=1520,
            link=f"https://www.youtube.com/channel/{YOUTUBE_CHANNEL_ID}",
        ),
    )
    live = YOUTUBE_LIVE
    contents = [
        ContentRecord(
            live["external_id"],
            "livestream",
            title=live["title"],
            permalink=f"https://www.youtube.com/watch?v={live['external_id']}",
            published_at=live["published_at"],
            duration_s=live["duration_s"],
            live_status="VOD",
        )
    ]
    snapshots = _youtube_live_snapshots()
    for video_id, title, local_time, views, likes, comments, seconds in YOUTUBE_CLIPS:
        published = (local_time - LOCAL).replace(tzinfo=UTC)
        contents.append(
            ContentRecord(
                video_id,
                "video",
                title=title,
                permalink=f"https://www.youtube.com/watch?v={video_id}",
                published_at=published,
                duration_s=float(seconds),
            )
        )
        watch = rng.uniform(0.35, 0.6) * seconds
        for hours in SNAPSHOT_HOURS:
            captured = published + timedelta(hours=hours)
            if captured > DEMO_NOW:
                break
            share = _growth(hours)
            snapshots.append(
                SnapshotRecord(
                    video_id,
                    captured,
                    "youtube_api",
                    views=round(views * share),
                    reactions=round(likes * share),
                    comments=round(comments * share),
                    watch_time_s=round(views * share * watch, 1),
                )
            )
    saved = save_contents(connection, channel_id, contents)
    return saved.new, save_snapshots(connection, channel_id, saved.ids, snapshots)


def _youtube_live_snapshots() -> list[SnapshotRecord]:
    """The broadcast on YouTube: people watching every three minutes on air, then tapering counts."""
    live, snapshots = YOUTUBE_LIVE, []
    start, final = live["published_at"], live["final"]
    on_air_minutes = int(live["duration_s"] // 60)
    for minute in range(0, on_air_minutes + 1, 3):
        shape = math.exp(-(((minute - live["peak_minute"]) / 22) ** 2))
        share = 0.4 * (minute / on_air_minutes)
        counts = {key: round(value * share) for key, value in final.items()}
        viewers = (
            live["peak_viewers"]
            if minute == live["peak_minute"]
            else max(round(live["peak_viewers"] * shape), 3)
        )
        snapshots.append(
            SnapshotRecord(
                live["external_id"],
                start + timedelta(minutes=minute),
                "youtube_api",
                live_viewers=viewers,
                **counts,
            )
        )
    for hours in SNAPSHOT_HOURS:
        captured = start + timedelta(seconds=live["duration_s"], hours=hours)
        if captured > DEMO_NOW:
            break
        share = 1.0 if hours >= 96 else 0.4 + 0.6 * _growth(hours)
        counts = {key: round(value * share) for key, value in final.items()}
        snapshots.append(SnapshotRecord(live["external_id"], captured, "youtube_api", **counts))
    return snapshots


def _zalo_oa(connection: Connection) -> tuple[int, int, int]:
    """The Zalo OA: its articles read as the collector would (tapering), and its followers each day."""
    channel_id = save_channel(
        connection, ChannelRecord(ZALO_OA_ID, ZALO_OA_NAME, platform="zalo", followers=ZALO_FOLLOWERS[1])
    )
    contents, snapshots = [], []
    for external_id, title, published_utc, views, shares in ZALO_ARTICLES:
        published = published_utc.replace(tzinfo=UTC)
        contents.append(
            ContentRecord(
                external_id,
                "article",
                title=title,
                permalink=f"https://zalo.me/{ZALO_OA_ID}/article/{external_id}",
                published_at=published,
            )
        )
        for hours in SNAPSHOT_HOURS:
            captured = published + timedelta(hours=hours)
            if captured > DEMO_NOW:
                break
            share = _growth(hours)
            snapshots.append(
                SnapshotRecord(
                    external_id,
                    captured,
                    "zalo_api",
                    views=round(views * share),
                    shares=round(shares * share),
                )
            )
    saved = save_contents(connection, channel_id, contents)
    written = save_snapshots(connection, channel_id, saved.ids, snapshots)
    days = (LAST_DAY - FIRST_DAY).days
    first, last = ZALO_FOLLOWERS
    followers = [
        PageMetricRecord(
            FIRST_DAY + timedelta(days=n), "follows", first + round((last - first) * n / days), "zalo_api"
        )
        for n in range(days + 1)
    ]
    return saved.new, written, save_page_metrics(connection, channel_id, followers)


def _in_campaign(day: date) -> float:
    """How much a day's activity is lifted by the campaigns running on it."""
    lift = 1.0
    if date(2024, 5, 1) <= day <= date(2024, 5, 31):
        lift *= 1.25
    if PEAK_DAYS[0] <= day <= PEAK_DAYS[1]:
        lift *= 1.5
    if date(2024, 5, 25) <= day <= date(2024, 5, 31):
        lift *= 1.3
    return lift


def _growth(hours: float) -> float:
    """Share of an item's final count reached ``hours`` after publishing."""
    return 1 - math.exp(-hours / 20)


def _content_and_snapshots(rng: random.Random) -> tuple[list[ContentRecord], list[SnapshotRecord]]:
    contents: list[ContentRecord] = []
    snapshots: list[SnapshotRecord] = []
    day = FIRST_DAY
    number = 0
    while day <= date(2024, 5, 31):
        per_day = 2 if day.month == 5 else 1
        if day.weekday() == 6:
            per_day -= 1
        for slot in range(per_day):
            number += 1
            kind = rng.choices(["photo", "link", "video", "reel"], weights=[40, 15, 25, 20])[0]
            local_time = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=(8, 19)[slot] + rng.choice((0, 0.25, 0.5)), minutes=rng.choice((0, 15, 30))
            )
            published = (local_time - LOCAL).replace(tzinfo=UTC)
            low, high = FINAL_VIEWS[kind]
            final = rng.uniform(low, high) * _in_campaign(day)
            external_id = f"{PAGE_ID}_1221000000{number:08d}"
            path = "videos" if kind in ("video", "reel") else "posts"
            contents.append(
                ContentRecord(
                    external_id,
                    kind,
                    title=rng.choice(TITLES[kind]),
                    permalink=f"https://www.facebook.com/{PAGE_ID}/{path}/{external_id.split('_')[1]}",
                    published_at=published,
                    duration_s=float(rng.randint(20, 90) if kind == "reel" else rng.randint(60, 420))
                    if kind in ("video", "reel")
                    else None,
                )
            )
            snapshots += _tapering_snapshots(rng, external_id, published, final, kind)
        day += timedelta(days=1)
    live_content, live_snapshots = _livestream()
    contents.append(live_content)
    snapshots += live_snapshots
    contents.sort(key=lambda c: c.published_at)
    return contents, snapshots


def _tapering_snapshots(
    rng: random.Random, external_id: str, published: datetime, final_views: float, kind: str
) -> list[SnapshotRecord]:
    reach_share = rng.uniform(0.52, 0.7)
    interaction_share = rng.uniform(0.018, 0.04)
    result = []
    for hours in SNAPSHOT_HOURS:
        captured = published + timedelta(hours=hours)
        if captured > DEMO_NOW:
            break
        views = round(final_views * _growth(hours))
        interactions = views * interaction_share
        result.append(
            SnapshotRecord(
                external_id,
                captured,
                "graph_api",
                views=views,
                reach=round(views * reach_share),
                reactions=round(interactions * 0.76),
                comments=round(interactions * 0.15),
                shares=round(interactions * 0.09),
                clicks=round(views * 0.015),
                watch_time_s=round(views * 14.0, 1) if kind in ("video", "reel") else None,
                avg_watch_s=14.0 if kind in ("video", "reel") else None,
            )
        )
    return result


def _livestream() -> tuple[ContentRecord, list[SnapshotRecord]]:
    """The 22 May broadcast: viewers every three minutes on air, then tapering snapshots."""
    live = LIVESTREAM
    final = live["final"]
    start = live["published_at"]
    content = ContentRecord(
        live["external_id"],
        "livestream",
        title=live["title"],
        message=live["title"],
        permalink=f"https://www.facebook.com/{PAGE_ID}/videos/122100000000316760",
        published_at=start,
        duration_s=live["duration_s"],
        live_status="VOD",
    )
    snapshots = []
    on_air_minutes = int(live["duration_s"] // 60)
    for minute in range(0, on_air_minutes + 1, 3):
        # Audience builds over half an hour, peaks at the questions, then thins out.
        shape = math.exp(-(((minute - live["peak_minute"]) / 22) ** 2))
        viewers = (
            round(live["peak_viewers"] * shape) if minute != live["peak_minute"] else live["peak_viewers"]
        )
        share = 0.35 * (minute / on_air_minutes)
        snapshots.append(
            _scaled(
                live["external_id"],
                start + timedelta(minutes=minute),
                final,
                share,
                live_viewers=max(viewers, 12),
            )
        )
    for hours in SNAPSHOT_HOURS:
        captured = start + timedelta(seconds=live["duration_s"]) + timedelta(hours=hours)
        if captured > DEMO_NOW:
            break
        if hours >= 96:  # the counts settle after four days
            snapshots.append(SnapshotRecord(live["external_id"], captured, "graph_api", **final))
        else:
            snapshots.append(_scaled(live["external_id"], captured, final, 0.35 + 0.65 * _growth(hours)))
    return content, snapshots


def _scaled(
    external_id: str, captured: datetime, final: dict, share: float, live_viewers: int | None = None
) -> SnapshotRecord:
    counts = {k: (round(v * share) if isinstance(v, int) else round(v * share, 1)) for k, v in final.items()}
    counts["avg_watch_s"] = final["avg_watch_s"]
    return SnapshotRecord(external_id, captured, "graph_api", live_viewers=live_viewers, **counts)


def _page_metrics(rng: random.Random) -> list[PageMetricRecord]:
    records = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        lift = _in_campaign(day) * (2.4 if day == date(2024, 5, 22) else 1.0)
        lift *= 1.6 if day == date(2024, 5, 23) else 1.0
        weekend = 0.85 if day.weekday() >= 5 else 1.0
        views = round(rng.uniform(9000, 13000) * lift * weekend)
        viewers = round(views * rng.uniform(0.45, 0.55))
        engagements = round(views * rng.uniform(0.028, 0.04))
        records += [
            PageMetricRecord(day, "views", views, "graph_api"),
            PageMetricRecord(day, "viewers", viewers, "graph_api"),
            PageMetricRecord(day, "engagements", engagements, "graph_api"),
        ]
        day += timedelta(days=1)
    return records


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into whole numbers proportional to ``weights`` (largest remainder)."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _year_ago_month() -> list[EnrolmentRecord]:
    """May 2023: the usual daily levels a little lower, nothing on Sundays and the 1–3 May holidays."""
    rng = random.Random(YEAR_AGO_SEED)
    records = []
    day, last = YEAR_AGO_MONTH
    while day <= last:
        for category, base in DAILY_BASE.items():
            closed = day.weekday() == 6 or day.day <= 3
            total = 0 if closed else round(base * YEAR_AGO_LEVEL * rng.uniform(0.7, 1.3))
            weights = [w * rng.uniform(0.7, 1.3) for w in UNITS.values()]
            for unit, count in zip(UNITS, apportion(total, weights), strict=True):
                records.append(EnrolmentRecord(day, unit, category, count))
        day += timedelta(days=1)
    return records


def _enrolment_history() -> list[EnrolmentRecord]:
    """Ordinary days before FIRST_DAY: the usual daily levels, nothing on Sundays, New Year and Tết."""
    rng = random.Random(HISTORY_SEED)
    units = list(UNITS)
    records = []
    day = HISTORY_FIRST_DAY
    while day < FIRST_DAY:
        for category, base in DAILY_BASE.items():
            closed = day.weekday() == 6 or day in CLOSED_DAYS
            total = 0 if closed else round(base * rng.uniform(0.7, 1.3))
            weights = [w * rng.uniform(0.7, 1.3) for w in UNITS.values()]
            for unit, count in zip(units, apportion(total, weights), strict=True):
                records.append(EnrolmentRecord(day, unit, category, count))
        day += timedelta(days=1)
    return records


def _enrolments(rng: random.Random) -> list[EnrolmentRecord]:
    units = list(UNITS)
    unit_weights = list(UNITS.values())
    peak_days = [PEAK_DAYS[0] + timedelta(days=i) for i in range(7)]
    peak_split = {
        category: dict(
            zip(peak_days, apportion(total, [rng.uniform(0.8, 1.2) for _ in peak_days]), strict=True)
        )
        for category, total in PEAK_TOTALS.items()
    }
    records = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        # The office reports no enrolments on Sundays outside campaigns (offices closed).
        for category, base in DAILY_BASE.items():
            if day in peak_days:
                total = peak_split[category][day]
            elif day == date(2024, 5, 25) and category in GOLDEN_WEEK_FIRST_DAY:
                total = GOLDEN_WEEK_FIRST_DAY[category]
            elif day.weekday() == 6 and _in_campaign(day) == 1.0:
                total = 0
            else:
                total = round(base * _in_campaign(day) * rng.uniform(0.7, 1.3))
            weights = [w * rng.uniform(0.7, 1.3) for w in unit_weights]
            for unit, count in zip(units, apportion(total, weights), strict=True):
                records.append(EnrolmentRecord(day, unit, category, count))
        day += timedelta(days=1)
    return records
