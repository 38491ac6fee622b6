"""The scheduler's export sources: a watched folder, and a file at a URL (a real server on 127.0.0.1)."""

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from conftest import FIXTURES
from sqlalchemy import select

from collector import export_sources
from collector.export_sources import make_client, run_export_folder, run_export_url
from models.tables import CollectionRun, Content, SourceState

EN = FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv"
VI = FIXTURES / "meta_business_suite" / "May-01-2024_May-20-2024_posts_vi.csv"


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(export_sources, "RETRY_BACKOFF_S", 0.01)


def runs(engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(CollectionRun.source, CollectionRun.status, CollectionRun.message).order_by(
                CollectionRun.id
            )
        ).all()


def test_export_folder_imports_new_files_moves_them_and_leaves_failed_ones_with_a_report(engine, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EN, inbox)
    shutil.copy(VI, inbox)
    (inbox / "notes.csv").write_text("Name,Phone\nAn,0912\n", encoding="utf-8")
    (inbox / "~$lock.xlsx").write_bytes(b"lock")

    result = run_export_folder(engine, "exports", inbox)
    assert (result.status, result.new_items, result.new_snapshots) == ("partial", 40, 64)
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == sorted([EN.name, VI.name])
    assert sorted(p.name for p in inbox.iterdir()) == [
        "notes.csv",
        "notes.csv.error.txt",
        "processed",
        "~$lock.xlsx",
    ]
    assert "notes.csv: " in (inbox / "notes.csv.error.txt").read_text(encoding="utf-8")

    again = run_export_folder(engine, "exports", inbox)  # the failed file is unchanged: not tried again
    assert (again.status, again.new_items) == ("ok", 0)
    (inbox / "notes.csv").write_text(
        "date,unit,category,count\n2024-05-13,Bát Xát,voluntary_si,4\n", encoding="utf-8"
    )
    fixed = run_export_folder(engine, "exports", inbox)
    assert (fixed.status, fixed.new_items) == ("ok", 1)
    assert not (inbox / "notes.csv.error.txt").exists()
    assert [status for _, status, _ in runs(engine)] == ["partial", "ok", "ok"]


def test_export_folder_that_fails_entirely_or_does_not_exist(engine, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert run_export_folder(engine, "exports", tmp_path).status == "failed"
    missing = run_export_folder(engine, "exports", tmp_path / "nowhere")
    assert missing.status == "failed" and "nowhere" in missing.message


class ScriptedServer:
    """An HTTP server on 127.0.0.1 that answers from a script and remembers the requests it got."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.script: list[str] = []
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
                action = server.script.pop(0) if server.script else "ok"
                if action == "slow":
                    time.sleep(0.5)
                    return
                if action == "500":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def server():
    server = ScriptedServer(EN.read_bytes())
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_export_url_imports_once_then_is_not_modified(engine, server):
    url = server.url(f"/exports/{EN.name}?access_token=SECRET")
    first = run_export_url(engine, "meta-url", url)
    assert (first.status, first.new_items, first.new_snapshots) == ("ok", 40, 40)
    second = run_export_url(engine, "meta-url", url)
    assert (second.status, second.new_items) == ("ok", 0)
    assert "unchanged since last time, not downloaded" in second.message or "không tải lại" in second.message
    assert server.requests[1]["if-none-match"] == '"v1"'
    with engine.connect() as connection:
        state = connection.execute(select(SourceState.value)).scalar_one()
        assert connection.execute(select(Content.id)).all()
    assert "SECRET" not in repr(state) + repr(runs(engine))
    assert [status for _, status, _ in runs(engine)] == ["ok", "ok"]


def test_export_url_retries_a_server_error_then_succeeds(engine, server):
    server.script = ["500"]
    result = run_export_url(engine, "meta-url", server.url(f"/{EN.name}"))
    assert (result.status, result.new_items) == ("ok", 40)
    assert len(server.requests) == 2


def test_export_url_gives_up_after_timeouts_and_records_a_failed_run(engine, server):
    server.script = ["slow"] * 10
    with make_client(timeout=httpx.Timeout(0.2)) as client:
        result = run_export_url(engine, "meta-url", server.url(f"/{EN.name}?token=SECRET"), client=client)
    assert result.status == "failed"
    assert len(server.requests) == export_sources.RETRY_ATTEMPTS
    assert "unreachable" in result.message or "không kết nối được" in result.message
    assert "SECRET" not in result.message and "SECRET" not in repr(runs(engine))
    assert runs(engine)[-1][1] == "failed"


def test_export_url_with_a_mock_transport_remembers_last_modified_and_reports_http_errors(engine):
    seen: list[httpx.Request] = []
    last_modified = "Sat, 01 Jun 2024 01:00:00 GMT"

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("missing.csv"):
            return httpx.Response(404)
        if request.headers.get("if-modified-since") == last_modified:
            return httpx.Response(304)
        return httpx.Response(200, content=VI.read_bytes(), headers={"Last-Modified": last_modified})

    with make_client(transport=httpx.MockTransport(answer)) as client:
        url = "https://files.example.org/share/posts.csv?sig=abc"
        first = run_export_url(engine, "shared", url, client=client)
        assert (first.status, first.new_items) == ("ok", 24)
        assert run_export_url(engine, "shared", url, client=client).new_items == 0
        assert seen[1].headers["if-modified-since"] == last_modified
        missing = run_export_url(
            engine, "shared", "https://files.example.org/missing.csv?sig=abc", client=client
        )
    assert missing.status == "failed" and "404" in missing.message and "sig=abc" not in missing.message


def test_a_truncated_or_huge_file_in_the_watched_folder_fails_alone_and_changes_nothing(engine, tmp_path):
    from db_state import database_state

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = EN.read_text(encoding="utf-8-sig")
    cut = text[: text.index("Nhận lương hưu qua tài khoản: an toàn, nhanh chóng, liên")]
    (inbox / "May-01-2024_May-31-2024_posts_en.csv").write_text(cut, encoding="utf-8")
    with (inbox / "huge.csv").open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: refused by its size, never read
    before = database_state(engine)
    result = run_export_folder(engine, "exports", inbox)
    assert (result.status, result.new_items) == ("failed", 0)
    assert database_state(engine) == before
    report = (inbox / "May-01-2024_May-31-2024_posts_en.csv.error.txt").read_text(encoding="utf-8")
    assert "ends in the middle of a row" in report or "kết thúc giữa chừng một dòng" in report
    assert "20 MB" in (inbox / "huge.csv.error.txt").read_text(encoding="utf-8")
    shutil.copy(VI, inbox)
    again = run_export_folder(engine, "exports", inbox)  # the failed ones wait; the new one imports
    assert (again.status, again.new_items) == ("ok", 24)


def test_the_watched_folder_never_writes_through_a_link_named_like_its_error_report(engine, tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    precious = elsewhere / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (inbox / "bad.csv").write_text("Name,Phone\nAn,0912\n", encoding="utf-8")
    (inbox / "bad.csv.error.txt").symlink_to(precious)

    assert run_export_folder(engine, "exports", inbox).status == "failed"
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    report = inbox / "bad.csv.error.txt"
    assert not report.is_symlink() and "bad.csv" in report.read_text(encoding="utf-8")


def test_a_link_in_the_watched_folder_is_refused_unread_and_its_target_stays_private(engine, tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    secret = elsewhere / "secret.csv"
    secret.write_text("Password,Owner\nhunter2,an\n", encoding="utf-8")
    secret.chmod(0o600)
    (inbox / "link.csv").symlink_to(secret)
    shutil.copy(EN, elsewhere / EN.name)
    (inbox / EN.name).symlink_to(elsewhere / EN.name)  # even a good export: links are not followed

    result = run_export_folder(engine, "exports", inbox)
    assert (result.status, result.new_items) == ("failed", 0)
    for name in ("link.csv", EN.name):
        report = (inbox / (name + ".error.txt")).read_text(encoding="utf-8")
        assert "symlink" in report and "Password" not in report
        assert (inbox / name).is_symlink()  # left where it is, not moved to processed/
    assert secret.read_text(encoding="utf-8") == "Password,Owner\nhunter2,an\n"
    again = run_export_folder(engine, "exports", inbox)  # unchanged links wait, as failed files do
    assert (again.status, again.message.split(",")[-1].strip()[0]) == ("ok", "2")


def test_an_error_report_is_no_more_readable_than_the_file_it_quotes(engine, tmp_path):
    (tmp_path / "notes.csv").write_text("Name,Phone\nAn,0912\n", encoding="utf-8")
    (tmp_path / "notes.csv").chmod(0o600)
    run_export_folder(engine, "exports", tmp_path)
    assert (tmp_path / "notes.csv.error.txt").stat().st_mode & 0o077 == 0


def test_an_imported_file_never_replaces_a_link_or_file_already_in_processed(engine, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "processed").mkdir(parents=True)
    (inbox / "processed" / EN.name).symlink_to(tmp_path / "not-yet.csv")  # a link to nothing yet
    shutil.copy(EN, inbox)
    assert run_export_folder(engine, "exports", inbox).status == "ok"
    assert not (tmp_path / "not-yet.csv").exists()
    assert (inbox / "processed" / EN.name).is_symlink()
    assert len(list((inbox / "processed").iterdir())) == 2
