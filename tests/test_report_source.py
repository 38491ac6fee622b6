"""Scheduled summaries: every Monday at 07:00 last week's summary is written and e-mailed to leadership."""

import email
import io
from datetime import UTC, date, datetime
from email import policy

import openpyxl
import pytest
from aiosmtpd.controller import Controller
from docx import Document
from sqlalchemy import select

from bench.pgserver import free_port
from collector.config import parse_config
from collector.demo import load_demo
from collector.plumbing.runs import RUN_FAILED, RUN_OK
from collector.report_source import relative_period, run_report
from collector.scheduler import run_once, trigger_for
from dashboard.exports import write_summary
from models.tables import CollectionRun

MONDAY_0700_LAO_CAI = datetime(2024, 5, 20, 0, 0, tzinfo=UTC)
LEADERSHIP = "lanh.dao@bhxh-laocai.example"


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def report_source(tmp_path, **settings):
    settings = {"every": "mon 07:00", **settings}
    lines = [f"{key} = {value!r}".replace("'", '"') for key, value in settings.items()]
    config = parse_config(
        "\n".join(
            [
                "[[sources]]",
                'name = "weekly-summary"',
                'type = "report"',
                f'output_dir = "{tmp_path / "reports"}"',
                *lines,
            ]
        )
    )
    return config, config.sources[0]


def runs(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(CollectionRun).where(CollectionRun.source == "weekly-summary")).all()


def smtp_environment(port: int, **more: str) -> dict[str, str]:
    return {"EM_SMTP_HOST": "127.0.0.1", "EM_SMTP_PORT": str(port), "EM_SMTP_FROM": "bao-cao@example", **more}


def test_monday_morning_last_weeks_summary_arrives_as_an_attachment(engine, tmp_path, smtp_server):
    load_demo(engine)
    port, inbox = smtp_server
    _, source = report_source(tmp_path, email_to=[LEADERSHIP], language="en")
    assert source.schedule.cron == "0 7 * * mon"

    result = run_report(
        engine, source, write_summary, now=MONDAY_0700_LAO_CAI, environ=smtp_environment(port)
    )

    written = tmp_path / "reports" / "engagement-summary_2024-05-13_2024-05-19.xlsx"
    assert result.status == RUN_OK and LEADERSHIP in result.message, result.message
    assert written.exists()
    assert len(inbox.messages) == 1 and inbox.recipients == [[LEADERSHIP]]
    message = inbox.messages[0]
    assert message["Subject"] == "Engagement summary 13/05/2024 – 19/05/2024"
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == written.name
    assert attachment.get_content() == written.read_bytes()
    summary = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))["Summary"]
    assert any(row[0].value == "Health insurance" and row[1].value == 1837 for row in summary.iter_rows())
    assert [(run.status, run.message) for run in runs(engine)] == [(RUN_OK, result.message)]


def test_a_failed_delivery_is_a_failed_run_and_the_file_is_still_written(engine, tmp_path):
    _, source = report_source(tmp_path, email_to=[LEADERSHIP], language="en", format="html")
    closed_port = free_port()  # nothing listens there: the mail server is down
    environment = smtp_environment(closed_port, EM_SMTP_USER="bao-cao", EM_SMTP_PASSWORD="s3cret-pass")

    result = run_report(engine, source, write_summary, now=MONDAY_0700_LAO_CAI, environ=environment)

    written = tmp_path / "reports" / "engagement-summary_2024-05-13_2024-05-19.html"
    assert written.exists() and b"There is no data for this period." in written.read_bytes()
    assert result.status == RUN_FAILED
    assert result.message.startswith(
        f"Report {written.name} was written but e-mailing it to {LEADERSHIP} failed"
    )
    assert "EM_SMTP_" in result.message and "s3cret-pass" not in result.message
    assert [(run.status, run.message) for run in runs(engine)] == [(RUN_FAILED, result.message)]


def test_without_a_mail_server_configured_the_run_fails_and_says_which_setting(engine, tmp_path):
    _, source = report_source(tmp_path, email_to=[LEADERSHIP])
    result = run_report(engine, source, write_summary, now=MONDAY_0700_LAO_CAI, environ={})
    assert result.status == RUN_FAILED and "EM_SMTP_HOST" in result.message
    assert (tmp_path / "reports" / "tong-hop-tuong-tac_2024-05-13_2024-05-19.xlsx").exists()


def test_the_scheduler_runs_a_report_source_without_e_mail(engine, tmp_path):
    load_demo(engine)
    config, _ = report_source(tmp_path, period="7 ngày cao điểm tuyên truyền nhóm nhỏ", format="csv")
    results = run_once(engine, config, write_summary=write_summary)
    assert results["weekly-summary"].status == RUN_OK
    assert (tmp_path / "reports" / "tong-hop-tuong-tac_2024-05-13_2024-05-19.zip").exists()


def test_an_unknown_campaign_as_period_is_a_failed_run_with_a_clear_message(engine, tmp_path):
    _, source = report_source(tmp_path, period="Tuần lễ bạc", language="en")
    result = run_report(engine, source, write_summary, now=MONDAY_0700_LAO_CAI)
    assert result.status == RUN_FAILED and result.message.startswith("No campaign named Tuần lễ bạc")


@pytest.mark.parametrize(
    "period,today,expected",
    [
        ("last_week", date(2024, 5, 20), (date(2024, 5, 13), date(2024, 5, 19))),
        ("last_week", date(2024, 5, 26), (date(2024, 5, 13), date(2024, 5, 19))),
        ("last_month", date(2024, 6, 1), (date(2024, 5, 1), date(2024, 5, 31))),
        ("last_month", date(2024, 3, 15), (date(2024, 2, 1), date(2024, 2, 29))),
        ("Tuần lễ vàng cùng Bưu điện", date(2024, 6, 1), None),
    ],
)
def test_relative_periods(period, today, expected):
    assert relative_period(period, today) == expected


def test_schedules_in_words_become_cron_triggers(tmp_path):
    config, source = report_source(tmp_path)
    trigger = trigger_for(source.schedule, config.timezone)
    first = trigger.get_next_fire_time(None, datetime(2024, 5, 15, tzinfo=UTC))
    assert (first.weekday(), first.hour, first.minute, first.date()) == (0, 7, 0, date(2024, 5, 20))


@pytest.mark.parametrize("every", ["mon 7", "someday 07:00", "mon 25:00"])
def test_a_schedule_that_is_not_understood_is_refused(tmp_path, every):
    with pytest.raises(Exception, match="every"):
        report_source(tmp_path, every=every)


def test_a_report_source_without_a_wired_writer_fails_saying_how_to_run_it(engine, tmp_path):
    """The collector floor cannot write files of the dashboard floor by itself: the entry point wires it."""
    load_demo(engine)
    _, source = report_source(tmp_path, language="en")
    result = run_report(engine, source, None, now=MONDAY_0700_LAO_CAI)
    assert result.status == RUN_FAILED and "engagement-monitor collect" in result.message


def test_the_monthly_word_report_is_e_mailed_with_the_offices_letterhead(
    engine, tmp_path, smtp_server, monkeypatch
):
    load_demo(engine)
    port, inbox = smtp_server
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))  # charts: tests/test_report_docx.py
    config = parse_config(
        "\n".join(
            [
                "[report]",
                'agency = "BẢO HIỂM XÃ HỘI TỈNH YÊN BÁI"',
                'place = "Yên Bái"',
                "[[sources]]",
                'name = "weekly-summary"',
                'type = "report"',
                f'output_dir = "{tmp_path / "reports"}"',
                'every = "daily 07:00"',
                'period = "last_month"',
                'format = "docx"',
                f'email_to = ["{LEADERSHIP}"]',
                'signer = "Trần Văn B"',  # a source may name its own signer
            ]
        )
    )

    june = datetime(2024, 6, 3, 0, 0, tzinfo=UTC)
    result = run_report(engine, config.sources[0], write_summary, now=june, environ=smtp_environment(port))

    written = tmp_path / "reports" / "tong-hop-tuong-tac_2024-05-01_2024-05-31.docx"
    assert result.status == RUN_OK and written.exists(), result.message
    attachment = next(inbox.messages[0].iter_attachments())
    assert attachment.get_filename() == written.name
    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = Document(io.BytesIO(attachment.get_content()))
    header = document.tables[0]
    assert "BẢO HIỂM XÃ HỘI TỈNH YÊN BÁI" in header.rows[0].cells[0].text
    assert header.rows[1].cells[1].text == "Yên Bái, ngày 31 tháng 5 năm 2024"
    assert document.tables[-1].rows[0].cells[1].paragraphs[-1].text == "Trần Văn B"
    assert any("136 người tham gia" in p.text for p in document.paragraphs)
