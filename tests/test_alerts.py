"""Watched without opening the dashboard: the office learns by e-mail that a source keeps failing or
stopped, a token is about to expire, a post is spreading, or today's enrolment sheet is late; each
occurrence once, quietly at night, or in one digest a day (the local SMTP server of the summary tests)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from collector.alerts import STATE_REFRESH_EXPIRES, check_alerts
from collector.cli import app
from collector.config import parse_config
from collector.platforms.facebook.source import STATE_TOKEN_CHECK
from collector.plumbing.collecting import write_state
from models.alerts import Occurrence, last_fired, remember
from models.store import (
    ChannelRecord,
    ContentRecord,
    SnapshotRecord,
    save_channel,
    save_contents,
    save_snapshots,
)
from models.tables import DEFAULT_TIMEZONE, CollectionRun, ImportedFile
from tests.test_dashboard_admin import team  # noqa: F401  (the fixture)
from tests.test_report_source import smtp_environment, smtp_server  # noqa: F401  (the fixture)

# Monday 9 December 2024, 10:30 in Lao Cai (UTC+7).
MONDAY_1030 = datetime(2024, 12, 9, 3, 30, tzinfo=UTC)
DUTY = "truc.ban@bhxh-laocai.example"


def alerts_config(**alerts: str):
    """A sources file with one Page collected hourly and an alerts source with ``alerts`` tables."""
    lines = [
        "[[sources]]",
        'name = "fanpage"',
        'type = "facebook_page"',
        'page_id = "111"',
        'token_env = "FB_TOKEN"',
        'every = "1h"',
        "[[sources]]",
        'name = "canh-bao"',
        'type = "alerts"',
        'every = "15m"',
        *(f"{key} = {value}" for key, value in alerts.items()),
    ]
    return parse_config("\n".join(lines))


def run(engine, config, port, now):
    return check_alerts(engine, config, config.sources[1], now=now, environ=smtp_environment(port))


def add_run(engine, started: datetime, status: str, message: str = "Meta từ chối mã truy cập") -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(CollectionRun).values(
                source="fanpage", started_at=started, finished_at=started, status=status, message=message
            )
        )


def test_a_source_failing_three_runs_in_a_row_is_reported_once(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(source_failing=f'{{ email_to = ["{DUTY}"], runs = 3 }}')
    for hours in (3, 2, 1):
        add_run(engine, MONDAY_1030 - timedelta(hours=hours), "failed")
    result = run(engine, config, port, MONDAY_1030)
    assert result.status == "ok"
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert inbox.recipients[0] == [DUTY]
    assert mail["Subject"] == "[Cảnh báo] Nguồn dữ liệu lỗi hoặc ngừng chạy (1)"
    assert "fanpage đã lỗi 3 lần liên tiếp" in mail.get_content()

    add_run(engine, MONDAY_1030, "failed")  # the same streak goes on: no storm
    run(engine, config, port, MONDAY_1030 + timedelta(minutes=15))
    assert len(inbox.messages) == 1

    add_run(engine, MONDAY_1030 + timedelta(hours=1), "ok")
    for hours in (2, 3, 4):
        add_run(engine, MONDAY_1030 + timedelta(hours=hours), "failed")
    run(engine, config, port, MONDAY_1030 + timedelta(hours=4, minutes=5))
    assert len(inbox.messages) == 2  # a new streak is a new occurrence
    with engine.connect() as connection:
        assert last_fired(connection, "canh-bao") == {
            "source_failing": MONDAY_1030 + timedelta(hours=4, minutes=5)
        }


def test_a_collector_that_stopped_is_reported_after_twice_the_schedule(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(source_failing=f'{{ email_to = ["{DUTY}"] }}')
    add_run(engine, MONDAY_1030 - timedelta(minutes=90), "ok")
    run(engine, config, port, MONDAY_1030)
    assert inbox.messages == []  # 90 minutes of an hourly source: not yet twice its schedule
    run(engine, config, port, MONDAY_1030 + timedelta(minutes=45))
    assert len(inbox.messages) == 1
    assert "bộ thu thập có thể đã dừng" in inbox.messages[0].get_content()
    run(engine, config, port, MONDAY_1030 + timedelta(hours=3))
    assert len(inbox.messages) == 1


def test_a_token_expiring_within_a_week_or_withdrawn_is_reported(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(credentials_expiring=f'{{ email_to = ["{DUTY}"] }}')
    with engine.begin() as connection:
        write_state(
            connection,
            "fanpage",
            {
                STATE_TOKEN_CHECK: {
                    "valid": True,
                    "expires_at": (MONDAY_1030 + timedelta(days=3)).isoformat(),
                    "missing": [],
                    "token_env": "FB_TOKEN",
                }
            },
        )
    run(engine, config, port, MONDAY_1030)
    assert len(inbox.messages) == 1
    assert "FB_TOKEN" in inbox.messages[0].get_content()
    run(engine, config, port, MONDAY_1030 + timedelta(hours=1))
    assert len(inbox.messages) == 1

    with engine.begin() as connection:  # the person withdrew read_insights
        write_state(
            connection,
            "fanpage",
            {
                STATE_TOKEN_CHECK: {
                    "valid": True,
                    "expires_at": None,
                    "missing": ["read_insights"],
                    "token_env": "FB_TOKEN",
                },
                STATE_REFRESH_EXPIRES: (MONDAY_1030 + timedelta(days=40)).isoformat(),
            },
        )
    run(engine, config, port, MONDAY_1030 + timedelta(hours=2))
    assert len(inbox.messages) == 2
    assert "read_insights" in inbox.messages[1].get_content()


def _page_with_posts(engine, views_of_new_post: int) -> None:
    with engine.begin() as connection:
        channel = save_channel(connection, ChannelRecord("111", "BHXH tỉnh Lào Cai"))
        posts = [
            ContentRecord(
                f"111_{n}", "video", title=f"Video {n}", published_at=datetime(2024, 11, n, 3, tzinfo=UTC)
            )
            for n in range(1, 11)
        ]
        posts.append(
            ContentRecord(
                "111_new",
                "video",
                title="Livestream BHXH tự nguyện",
                published_at=datetime(2024, 12, 8, 3, tzinfo=UTC),
            )
        )
        ids = save_contents(connection, channel, posts).ids
        snapshots = [
            SnapshotRecord(
                post.external_id, MONDAY_1030 - timedelta(hours=1), "graph_api", views=1_000 + 10 * n
            )
            for n, post in enumerate(posts[:-1])
        ]
        snapshots.append(
            SnapshotRecord("111_new", MONDAY_1030 - timedelta(hours=1), "graph_api", views=views_of_new_post)
        )
        save_snapshots(connection, channel, ids, snapshots)


@pytest.mark.parametrize(("views", "mails"), [(18_600, 1), (4_000, 0)])
def test_a_video_passing_five_times_the_pages_median_is_reported(engine, smtp_server, views, mails):  # noqa: F811
    port, inbox = smtp_server
    _page_with_posts(engine, views)
    config = alerts_config(content_spreading=f'{{ email_to = ["{DUTY}"], times = 5 }}')
    run(engine, config, port, MONDAY_1030)
    run(engine, config, port, MONDAY_1030 + timedelta(hours=1))
    assert len(inbox.messages) == mails
    if mails:
        text = inbox.messages[0].get_content()
        assert "«Livestream BHXH tự nguyện»" in text and "18.600 lượt xem" in text


@pytest.mark.parametrize(
    ("now", "received", "mails"),
    [
        (MONDAY_1030, False, 1),
        (MONDAY_1030 - timedelta(hours=1), False, 0),  # 09:30: not yet due
        (MONDAY_1030 - timedelta(days=2), False, 0),  # Saturday
        (MONDAY_1030, True, 0),
    ],
)
def test_todays_enrolment_sheet_missing_at_ten_on_a_working_day(engine, smtp_server, now, received, mails):  # noqa: F811
    port, inbox = smtp_server
    if received:
        with engine.begin() as connection:
            connection.execute(
                insert(ImportedFile).values(
                    sha256="a" * 64,
                    original_name="ket-qua.xlsx",
                    kind="enrolment",
                    rows=12,
                    imported_at=MONDAY_1030 - timedelta(hours=2),  # 08:30 local
                )
            )
    config = alerts_config(enrolment_missing=f'{{ email_to = ["{DUTY}"], by = "10:00" }}')
    run(engine, config, port, now)
    run(engine, config, port, now + timedelta(minutes=15))
    assert len(inbox.messages) == mails
    if mails:
        assert "09/12/2024" in inbox.messages[0].get_content()


def test_nothing_is_sent_in_quiet_hours_and_it_waits_for_the_morning(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(
        quiet_hours='"22:00-06:00"', source_failing=f'{{ email_to = ["{DUTY}"], runs = 1 }}'
    )
    night = datetime(2024, 12, 9, 16, 0, tzinfo=UTC)  # 23:00 in Lao Cai
    add_run(engine, night - timedelta(minutes=5), "failed")
    run(engine, config, port, night)
    assert inbox.messages == []
    run(engine, config, port, night + timedelta(hours=7, minutes=10))  # 06:10
    assert len(inbox.messages) == 1


def test_a_digest_alert_goes_out_once_a_day_with_everything_in_it(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(
        digest_at='"07:30"',
        credentials_expiring=f'{{ email_to = ["{DUTY}"], digest = true }}',
    )
    with engine.begin() as connection:
        write_state(
            connection,
            "fanpage",
            {"token_problem": {"message": "Meta từ chối mã", "at": "2024-12-08T10:00:00+00:00"}},
        )
        write_state(connection, "fanpage", {STATE_REFRESH_EXPIRES: "2024-12-11T00:00:00+00:00"})
    early = datetime(2024, 12, 9, 0, 0, tzinfo=UTC)  # 07:00 local
    run(engine, config, port, early)
    assert inbox.messages == []
    run(engine, config, port, early + timedelta(minutes=45))
    run(engine, config, port, early + timedelta(hours=2))
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Subject"].endswith("(2)")


def test_a_mail_server_that_is_down_leaves_the_alert_waiting(engine, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    config = alerts_config(source_failing=f'{{ email_to = ["{DUTY}"], runs = 1 }}')
    add_run(engine, MONDAY_1030 - timedelta(minutes=5), "failed")
    down = check_alerts(engine, config, config.sources[1], now=MONDAY_1030, environ={"EM_SMTP_HOST": ""})
    assert down.status == "failed" and "EM_SMTP_" in down.message
    run(engine, config, port, MONDAY_1030 + timedelta(minutes=15))
    assert len(inbox.messages) == 1


def test_alerts_check_runs_the_alerts_sources_of_the_file(db_url, tmp_path, monkeypatch, smtp_server):  # noqa: F811
    port, inbox = smtp_server
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "canh-bao"\ntype = "alerts"\n'
        f'enrolment_missing = {{ email_to = ["{DUTY}"], by = "00:00" }}\n',
        encoding="utf-8",
    )
    for name, value in smtp_environment(port).items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["--db", db_url, "alerts", "check", "--config", str(sources)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("canh-bao: ")
    weekday = datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).weekday() < 5  # the command looks at the real clock
    assert len(inbox.messages) == (1 if weekday else 0)


def test_the_administration_page_lists_the_alerts_with_when_each_last_fired(team, tmp_path):  # noqa: F811
    from tests.test_dashboard_admin import open_admin_page

    (tmp_path / "sources.toml").write_text(
        '[[sources]]\nname = "canh-bao"\ntype = "alerts"\nquiet_hours = "22:00-06:00"\n'
        f'source_failing = {{ email_to = ["{DUTY}"] }}\n'
        f'content_spreading = {{ email_to = ["{DUTY}"], digest = true }}\n',
        encoding="utf-8",
    )
    with team.begin() as connection:
        remember(
            connection,
            "canh-bao",
            [Occurrence("source_failing", "x:failing:1", "…", MONDAY_1030, MONDAY_1030)],
            MONDAY_1030,
        )
    app = open_admin_page(team, "an")
    rows = app.dataframe[-1].value.to_dict("records")
    assert [row["Alert"] for row in rows] == ["Sources failing or stopped", "Content spreading fast"]
    assert [row["How"] for row in rows] == ["at once", "daily digest"]
    assert rows[0]["Last sent"] not in (None, "–") and rows[1]["Last sent"] == "–"  # never sent
    assert any("quiet hours 22:00-06:00" in caption.value for caption in app.caption)
