"""The ``activity`` commands, as a user runs them: add, list, update by natural key, remove."""

import pytest
from conftest import FIXTURES
from sqlalchemy import func, select
from typer.testing import CliRunner

from collector.cli import app
from models.auth import audit_events
from models.db import make_engine
from models.errors import UserError
from models.tables import Activity


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", db_url, *args])

    return run


def activity_count(db_url: str) -> int:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(Activity)).scalar_one()
    engine.dispose()
    return count


def test_add_list_update_and_remove_an_activity(run, db_url):
    assert run("import", str(FIXTURES / "campaigns_2024-05.csv")).exit_code == 0
    added = run(
        "activity", "add", "Gian hàng tư vấn tại Phiên giao dịch việc làm", "--kind", "Gian hàng tư vấn",
        "--start", "21/05/2024", "--unit", "Thành phố Lào Cai", "--venue", "Trung tâm Dịch vụ việc làm",
        "--attendance", "68", "--result", "BHXH tự nguyện=2", "--result", "vssid_install=7",
        "--campaign", "Tháng vận động triển khai BHXH toàn dân",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert (
        "Đã lưu hoạt động Gian hàng tư vấn tại Phiên giao dịch việc làm (21/05/2024 – 21/05/2024"
        in added.output
    )
    listed = run("activity", "list", "--lang", "en")
    assert listed.exit_code == 0, listed.output
    assert (
        "21/05/2024 – 21/05/2024 · Gian hàng tư vấn tại Phiên giao dịch việc làm · "
        "Booth or consultation point · Thành phố Lào Cai (Trung tâm Dịch vụ việc làm) · attendance: 68 · "
        "on the spot (already inside the enrolment results): "
        "voluntary social insurance: 2, VssID installs: 7 · "
        "campaign Tháng vận động triển khai BHXH toàn dân"
    ) in listed.output
    again = run(
        "activity", "add", "Gian hàng tư vấn tại Phiên giao dịch việc làm", "--kind", "booth",
        "--start", "2024-05-21", "--unit", "Thành phố Lào Cai", "--attendance", "70",
    )  # fmt: skip
    assert again.exit_code == 0 and activity_count(db_url) == 1  # same name, day and unit: updated
    assert "attendance: 70" in run("activity", "list", "--lang", "en").output
    removed = run(
        "activity", "remove", "Gian hàng tư vấn tại Phiên giao dịch việc làm", "--start", "2024-05-21",
        "--unit", "Thành phố Lào Cai", "--lang", "en",
    )  # fmt: skip
    assert removed.exit_code == 0 and "removed" in removed.output
    assert activity_count(db_url) == 0
    assert "No activities yet." in run("activity", "list", "--lang", "en").output
    engine = make_engine(db_url)
    with engine.connect() as connection:
        actions = [event.action for event in audit_events(connection)]
    engine.dispose()
    assert {"activity_create", "activity_edit", "activity_delete"} <= set(actions)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "múa lân", "--start", "2024-05-01"], "Unknown kind of activity múa lân; use one of:"),
        (["--kind", "booth", "--start", "2024-05-03", "--end", "2024-05-01"], "ends on 2024-05-01, before"),
        (["--kind", "booth", "--start", "31/02/2024"], "Not a date or time: 31/02/2024"),
        (["--kind", "booth", "--start", "2024-05-01", "--campaign", "Nope"], "No campaign named Nope"),
        (["--kind", "booth", "--start", "2024-05-01", "--attendance", "-4"], "must be zero or more (-4)"),
        (["--kind", "booth", "--start", "2024-05-01", "--result", "BHYT=x"], "A target must look like"),
    ],
)
def test_bad_options_are_one_line_and_add_nothing(run, db_url, args, message):
    result = run("activity", "add", "Hội nghị", *args, "--lang", "en")
    assert isinstance(result.exception, UserError)  # main() prints it as one line, exit code 1
    assert message in str(result.exception) and "\n" not in str(result.exception)
    assert activity_count(db_url) == 0


def test_removing_an_unknown_activity_says_how_to_find_them(run):
    result = run("activity", "remove", "Không có", "--start", "2024-05-01")
    assert isinstance(result.exception, UserError)
    assert "Không có hoạt động Không có bắt đầu ngày 01/05/2024 ở toàn tỉnh" in str(result.exception)
