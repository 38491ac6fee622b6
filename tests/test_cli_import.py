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


def test_in_a_batch_each_bad_file_fails_alone_in_one_line_and_the_others_import(run, tmp_path):
    text = EN.read_text(encoding="utf-8-sig")
    huge_count = tmp_path / "May-01-2024_May-31-2024_huge.csv"
    huge_count.write_text(
        text.replace(",Lifetime,5507,", ",Lifetime,99999999999999999999,"), encoding="utf-8"
    )
    year_one = tmp_path / "May-01-2024_May-31-2024_year1.csv"
    year_one.write_text(text.replace("05/01/2024 20:30", "01/01/0001 00:00"), encoding="utf-8")
    cut = tmp_path / "cut.csv"
    cut.write_text(
        text[: text.index("Nhận lương hưu qua tài khoản: an toàn, nhanh chóng, liên")], encoding="utf-8"
    )
    paths = [huge_count, year_one, cut, *([Path("/dev/zero")] if os.name == "posix" else []), EN]
    result = run("import", *map(str, paths), "--lang", "en")
    assert result.exit_code == 1
    assert f"{huge_count.name}:2: Views: number too large (99999999999999999999)" in result.output
    assert f"{year_one.name}:2: Publish time: date out of range (01/01/0001 00:00)" in result.output
    assert "cut.csv: the file ends in the middle of a row: download it again." in result.output
    assert f"{EN.name}: Meta Business Suite posts export" in result.output
    assert "40 new, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert f"1 files processed, {len(paths) - 1} failed." in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_an_unforeseen_error_in_one_file_does_not_stop_the_others(run, monkeypatch, tmp_path):
    import collector.importer

    real_import_file = collector.importer.import_file

    def failing_on_views(engine, path, options):
        if path.name == "Views.csv":
            raise RuntimeError("a bug")
        return real_import_file(engine, path, options)

    monkeypatch.setattr(collector.importer, "import_file", failing_on_views)
    result = run("import", str(EXPORTS / "Views.csv"), str(EN), "--lang", "en")
    assert result.exit_code == 1
    assert (
        "Views.csv: unexpected error (RuntimeError), nothing from this file was imported; the other "
        "files go on. Please report it to the developers."
    ) in result.output
    assert "40 new" in result.output and "1 files processed, 1 failed." in result.output


def test_an_empty_folder_or_a_pattern_that_matches_nothing_says_nothing_was_found(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    others = tmp_path / "others"
    others.mkdir()
    (others / "notes.txt").write_text("not an export", encoding="utf-8")
    (others / "~$lock.xlsx").write_bytes(b"lock")
    (others / "sub").mkdir()
    for path in (empty, others, tmp_path / "*.xlsx"):
        result = run("import", str(path), "--lang", "en")
        assert result.exit_code == 1, result.output
        assert result.output.strip() == f"{path}: no CSV or XLSX file found to import."
    vi = run("import", str(empty))
    assert vi.exit_code == 1 and "không tìm thấy tệp CSV hay XLSX nào để nhập" in vi.output
    mixed = run("import", str(empty), str(EN), "--lang", "en")
    assert mixed.exit_code == 1 and "40 new" in mixed.output
