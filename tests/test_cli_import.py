"""The ``import`` and ``campaign`` commands, as a user runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from collector.cli import app

EXPORTS = FIXTURES / "meta_business_suite"
EN = EXPORTS / "May-01-2024_May-31-2024_posts_en.csv"


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.delenv("ENGAGEMENT_MONITOR_LANG", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", db_url, *args])

    return run


def test_importing_a_folder_says_per_file_what_it_recognised_and_did(run):
    result = run("import", str(EXPORTS), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (
        f"{EN.name}: Meta Business Suite posts export, English headers, utf-8-sig encoding, 40 rows, "
        "Page Bảo hiểm xã hội tỉnh Lào Cai, counts as of 31/05/2024 23:59 "
        "(from the end date in the file name)"
    ) in result.output
    assert "Views.csv: page daily series (views), English headers, utf-16 encoding, 31 rows" in result.output
    assert "4 files processed, 0 failed." in result.output
    again = run("import", str(EN), "--lang", "en")
    assert f"{EN.name}: already imported, nothing changed." in again.output


def test_a_file_pattern_is_expanded_as_windows_shells_do_not(run):
    result = run("import", str(EXPORTS / "*.csv"), "--lang", "en")
    assert result.exit_code == 0 and "4 files processed, 0 failed." in result.output


def test_vietnamese_is_the_default_language(run):
    result = run("import", str(FIXTURES / "enrolment" / "ket_qua_phat_trien_2024-05.csv"))
    assert "kết quả phát triển (dạng ngang), tiêu đề tiếng Việt" in result.output
    assert "1.116 mới" in result.output


def test_a_failed_file_gives_a_non_zero_exit_and_the_others_still_import(run, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("import", str(empty), str(EN), "--lang", "en")
    assert result.exit_code == 1
    assert "empty.csv: the file is empty." in result.output
    assert "1 files processed, 1 failed." in result.output
    assert "Traceback" not in result.output


def test_as_of_kind_and_skip_bad_rows_options(run, tmp_path):
    text = EN.read_text(encoding="utf-8-sig").replace(",Lifetime,5507,", ",Lifetime,-1,")
    damaged = tmp_path / "posts.csv"
    damaged.write_text(text, encoding="utf-8")
    refused = run("import", str(damaged), "--lang", "en")
    assert refused.exit_code == 1 and "posts.csv:2: Views: negative count (-1)" in refused.output
    result = run(
        "import",
        str(damaged),
        "--kind",
        "posts",
        "--as-of",
        "2024-06-01 09:00",
        "--skip-bad-rows",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    assert "counts as of 01/06/2024 09:00 (from --as-of)" in result.output
    assert "39 new, 0 updated, 0 unchanged, 1 rejected" in result.output
    assert "rejected rows and reasons written to" in result.output
    assert run("import", str(EN), "--as-of", "yesterday", "--lang", "en").exit_code != 0


def test_campaign_add_list_assign_and_unassign(run):
    run("import", str(EN))
    added = run(
        "campaign",
        "add",
        "Tuần lễ vàng",
        "--start",
        "25/05/2024",
        "--end",
        "2024-05-31",
        "--target",
        "BHYT=500",
        "--target",
        "voluntary_si=136",
        "--lang",
        "en",
    )
    assert added.exit_code == 0 and "Campaign Tuần lễ vàng saved (25/05/2024 – 31/05/2024)." in added.output
    assigned = run("campaign", "assign", "Tuần lễ vàng", "122100000000316760", "--lang", "en")
    assert "1 items assigned to campaign Tuần lễ vàng." in assigned.output
    taken_out = run(
        "campaign", "unassign", "Tuần lễ vàng", "100064523817765_122100000000300922", "--lang", "en"
    )
    assert taken_out.exit_code == 0
    listed = run("campaign", "list", "--lang", "en")
    assert (
        "Tuần lễ vàng: 25/05/2024 – 31/05/2024; targets health_insurance=500, voluntary_si=136; "
        "1 added, 1 taken out"
    ) in listed.output


def test_campaign_mistakes_are_one_line_errors(run):
    backwards = run("campaign", "add", "X", "--start", "2024-05-31", "--end", "2024-05-01", "--lang", "en")
    assert backwards.exit_code != 0 and "ends on 2024-05-01, before it starts on 2024-05-31" in str(
        backwards.exception
    )
    unknown = run("campaign", "assign", "Nope", "1", "--lang", "en")
    assert "No campaign named Nope" in str(unknown.exception)
    run("campaign", "add", "Y", "--start", "2024-05-01", "--end", "2024-05-02")
    missing = run("campaign", "assign", "Y", "999", "--lang", "en")
    assert "No content with ID 999; nothing changed." in str(missing.exception)


def test_the_installed_command_prints_one_line_errors_without_traceback(sqlite_url, tmp_path):
    command = Path(sys.executable).parent / "engagement-monitor"
    env = {**os.environ, "ENGAGEMENT_MONITOR_LANG": "en"}
    result = subprocess.run(
        [str(command), "--db", sqlite_url, "campaign", "assign", "Nope", "1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "Error: No campaign named Nope; see them with: engagement-monitor campaign list."
    )
