"""Connecting the office's accounts with one button, against fake authorisation and API servers on
127.0.0.1: the consent page, the return with its code and state, the tokens in the secrets file
(never in the database, the sources file or a message), the source added to sources.toml with its
comments kept, and the first collection. Refusals, forged or replayed returns are one line."""

import dataclasses
import hashlib
import html
import re
import secrets
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from fake_graph import APP_ID as META_APP_ID
from fake_graph import APP_SECRET as META_APP_SECRET
from fake_graph import LONG_USER_TOKEN, USER_TOKEN, FakeGraph
from fake_graph import TOKEN as PAGE_TOKEN
from fake_server import RFC_VERIFIER
from fake_tiktok import ACCESS_TOKEN as TIKTOK_ACCESS
from fake_tiktok import CLIENT_KEY, CLIENT_SECRET, FakeTikTok
from fake_tiktok import REFRESH_TOKEN as TIKTOK_REFRESH
from fake_zalo import ACCESS_TOKEN as ZALO_ACCESS
from fake_zalo import APP_ID as ZALO_APP_ID
from fake_zalo import REFRESH_TOKEN as ZALO_REFRESH
from fake_zalo import SECRET_KEY, ZALO_VERIFIER, FakeZalo
from sqlalchemy import MetaData, select

from collector import accounts
from collector import connect as connect_module
from collector.config import load_config
from collector.connect import (
    ConnectRefused,
    Flows,
    hex_challenge,
    new_verifier,
    s256_challenge,
    save_app_credentials,
)
from collector.platforms.tiktok import connect as tiktok_connect
from collector.platforms.zalo import connect as zalo_connect
from collector.scheduler import run_once

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
REDIRECT = "http://127.0.0.1:8501/admin"
SOURCES = """# Sources of BHXH tỉnh Lào Cai: edited by hand and from the dashboard.
timezone = "Asia/Ho_Chi_Minh"

[[sources]]
name = "exports-inbox"  # where staff drop the Meta exports
type = "export_folder"
path = "exports/inbox"
every = "10m"
"""
SECRETS_NAMES = (PAGE_TOKEN, USER_TOKEN, LONG_USER_TOKEN, META_APP_SECRET, ZALO_ACCESS, ZALO_REFRESH)
SECRETS_NAMES += (SECRET_KEY, TIKTOK_ACCESS, TIKTOK_REFRESH, CLIENT_SECRET)


@pytest.fixture
def office(tmp_path, monkeypatch):
    """An office folder: a sources file with a comment, an owner-only secrets file, the app credentials."""
    config = tmp_path / "sources.toml"
    config.write_text(SOURCES, encoding="utf-8")
    monkeypatch.setenv("ENGAGEMENT_MONITOR_SECRETS", str(tmp_path / "secrets.toml"))
    (tmp_path / "secrets.toml").touch(mode=0o600)
    save_app_credentials("facebook", {"app_id": META_APP_ID, "app_secret": META_APP_SECRET}, "en")
    save_app_credentials("zalo", {"app_id": ZALO_APP_ID, "secret_key": SECRET_KEY}, "en")
    save_app_credentials("tiktok", {"client_key": CLIENT_KEY, "client_secret": CLIENT_SECRET}, "en")
    return config


def consent(url: str, choice: str = "allow") -> dict[str, str]:
    """Open the provider's consent page, press Allow (or Deny), and return the parameters the
    provider sends back to the dashboard."""
    page = httpx.get(url, timeout=10).text
    link = html.unescape(re.search(rf"id='{choice}' href='([^']+)'", page)[1])
    assert link.startswith(REDIRECT)
    return dict(parse_qsl(urlsplit(link).query))


def start(flows: Flows, platform: str, user: str = "lan"):
    pending = flows.start(platform, user, REDIRECT, NOW)
    return pending, accounts.authorize_url(pending, "en")


def everything_stored(engine) -> str:
    """Every value of every table, as one text (to look for tokens in it)."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return "\n".join(
            repr(row) for table in metadata.sorted_tables for row in connection.execute(select(table))
        )


def test_a_facebook_page_connected_with_one_button_is_collected(engine, office, monkeypatch):
    with FakeGraph.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_FACEBOOK_DIALOG_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_FACEBOOK_GRAPH_URL", fake.url)
        flows = Flows()
        pending, url = start(flows, "facebook")
        query = dict(parse_qsl(urlsplit(url).query))
        assert query["scope"] == "pages_show_list,pages_read_engagement,read_insights"
        assert query["redirect_uri"] == REDIRECT and query["state"] == pending.state
        back = consent(url)
        found = accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
        [page] = found
        assert (page.account_id, page.name) == ("100064523817765", "Bảo hiểm xã hội tỉnh Lào Cai")
        assert PAGE_TOKEN not in repr(page)
        name = accounts.store(office, page)

        config = load_config(office)
        assert [s.name for s in config.sources] == ["exports-inbox", name]
        text = office.read_text(encoding="utf-8")
        assert text.startswith("# Sources of BHXH tỉnh Lào Cai") and "# where staff drop" in text
        assert PAGE_TOKEN not in text and 'token_env = "FB_PAGE_100064523817765_TOKEN"' in text
        secrets_file = office.parent / "secrets.toml"
        assert f'FB_PAGE_100064523817765_TOKEN = "{PAGE_TOKEN}"' in secrets_file.read_text(encoding="utf-8")
        assert oct(secrets_file.stat().st_mode & 0o777) == "0o600"

        result = run_once(engine, config, [name])[name]
        assert result.status == "ok" and result.new_items > 0
    stored = everything_stored(engine)
    assert all(token not in stored for token in SECRETS_NAMES)


def test_a_zalo_oa_connects_with_pkce_and_its_tokens_renew_as_before(engine, office, monkeypatch):
    with FakeZalo.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_ZALO_OAUTH_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_ZALO_API_URL", fake.url)
        flows = Flows()
        pending, url = start(flows, "zalo")
        query = dict(parse_qsl(urlsplit(url).query))
        assert query["code_challenge"] and query["code_challenge"] != pending.verifier
        back = consent(url)
        [oa] = accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
        assert (oa.account_id, oa.name) == ("1234567890123456789", "BHXH tỉnh Lào Cai")
        assert (oa.access_expires_at - NOW).total_seconds() == 90000 and oa.refresh_expires_at is None
        name = accounts.store(office, oa)
        config = load_config(office)
        fake.expire_access()  # the first run renews the access token with the stored refresh token
        result = run_once(engine, config, [name])[name]
        assert result.status == "ok" and result.new_items == 15
        assert fake.issued  # renewed, and the rotated pair was written back
    assert all(token not in everything_stored(engine) for token in SECRETS_NAMES)


def test_a_tiktok_account_connects_with_pkce(engine, office, monkeypatch):
    with FakeTikTok.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_TIKTOK_AUTHORIZE_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_TIKTOK_API_URL", fake.url)
        flows = Flows()
        _, url = start(flows, "tiktok")
        assert dict(parse_qsl(urlsplit(url).query))["code_challenge_method"] == "S256"
        back = consent(url)
        [account] = accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
        name = accounts.store(office, account)
        result = run_once(engine, load_config(office), [name])[name]
        assert result.status == "ok" and result.new_items == 25


def test_the_pkce_verifier_fits_both_zalo_and_tiktok():
    """Zalo: exactly 43 characters with capitals, small letters and digits; TikTok: 43 to 128
    unreserved characters (docs/zalo-oa.md, docs/tiktok.md)."""
    for _ in range(50):
        verifier = new_verifier()
        assert ZALO_VERIFIER.fullmatch(verifier) and RFC_VERIFIER.fullmatch(verifier)


def test_the_challenges_are_the_ones_the_providers_document():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636, appendix B
    assert s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    assert hex_challenge(verifier) == hashlib.sha256(verifier.encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", hex_challenge(verifier))


def test_tiktok_refuses_an_rfc_style_challenge_from_a_desktop_app(office, monkeypatch):
    """Had the code sent base64url (RFC 7636) where TikTok's desktop guide asks for hex, the
    consent page would refuse it: the fake checks the format as TikTok documents it."""
    with FakeTikTok.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_TIKTOK_AUTHORIZE_URL", fake.url)
        monkeypatch.setattr(tiktok_connect, "hex_challenge", s256_challenge)
        _, url = start(Flows(), "tiktok")
        answer = httpx.get(url, timeout=10)
        assert answer.status_code == 400 and "code_challenge" in answer.text


def test_tiktok_refuses_a_verifier_that_does_not_hash_to_the_challenge(office, monkeypatch):
    with FakeTikTok.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_TIKTOK_AUTHORIZE_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_TIKTOK_API_URL", fake.url)
        flows = Flows()
        pending, url = start(flows, "tiktok")
        back = consent(url)
        taken = flows.take(back["state"], "lan", NOW, "en")
        forged = dataclasses.replace(taken, verifier=new_verifier())
        with pytest.raises(ConnectRefused, match="does not match code_challenge"):
            accounts.finish(forged, back, NOW, "en")


def test_a_tiktok_web_app_sends_no_pkce(monkeypatch):
    """Behind an https address the dashboard is a TikTok *web* app: no challenge on the consent
    page and no verifier with the code (required for mobile and desktop apps only)."""
    app = {"client_key": CLIENT_KEY, "client_secret": CLIENT_SECRET}
    web = "https://monitor.bhxh-laocai.example/admin"
    query = dict(parse_qsl(urlsplit(tiktok_connect.authorize_url(app, web, "s", new_verifier())).query))
    assert "code_challenge" not in query and "code_challenge_method" not in query
    assert query["redirect_uri"] == web and query["response_type"] == "code"
    sent = []

    def token(request: httpx.Request) -> httpx.Response:
        sent.append(dict(parse_qsl(request.content.decode())))
        if request.url.path == "/v2/oauth/token/":
            return httpx.Response(200, json={"access_token": "a", "refresh_token": "r", "open_id": "o"})
        return httpx.Response(200, json={"data": {"user": {"open_id": "o", "display_name": "BHXH"}}})

    with httpx.Client(transport=httpx.MockTransport(token)) as http:
        tiktok_connect.exchange(http, app, "code-1", new_verifier(), web, NOW, "en")
    assert set(sent[0]) == {"client_key", "client_secret", "code", "grant_type", "redirect_uri"}
    assert sent[0]["grant_type"] == "authorization_code" and sent[0]["redirect_uri"] == web


def test_zalo_refuses_a_hex_challenge_and_a_verifier_of_the_wrong_length(office, monkeypatch):
    with FakeZalo.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_ZALO_OAUTH_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_ZALO_API_URL", fake.url)
        with monkeypatch.context() as patch:
            patch.setattr(zalo_connect, "s256_challenge", hex_challenge)
            _, url = start(Flows(), "zalo")
            assert httpx.get(url, timeout=10).json()["error_name"] == "Invalid code challenge"
        with monkeypatch.context() as patch:  # RFC-valid, but not Zalo's 43 characters
            patch.setattr(connect_module, "new_verifier", lambda: secrets.token_urlsafe(48))
            flows = Flows()
            _, url = start(flows, "zalo")
            back = consent(url)
            with pytest.raises(ConnectRefused, match="code_verifier missing or malformed"):
                accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")


def test_a_return_is_good_once_for_the_person_who_started_it(office, monkeypatch):
    with FakeZalo.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_ZALO_OAUTH_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_ZALO_API_URL", fake.url)
        flows = Flows()
        _, url = start(flows, "zalo")
        back = consent(url)
        with pytest.raises(ConnectRefused, match="Another user"):
            flows.take(back["state"], "hoa", NOW, "en")  # and the state is spent
        with pytest.raises(ConnectRefused, match="press the connect button again"):
            flows.take(back["state"], "lan", NOW, "en")
        with pytest.raises(ConnectRefused, match="press the connect button again"):
            flows.take("forged-state", "lan", NOW, "en")

        pending, url = start(flows, "zalo")
        back = consent(url)
        accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
        with pytest.raises(ConnectRefused, match="refused: code unknown or already used"):
            accounts.finish(pending, back, NOW, "en")  # the same code a second time


def test_a_refusal_at_the_consent_page_says_what_to_tick_next_time(office, monkeypatch):
    with FakeGraph.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_FACEBOOK_DIALOG_URL", fake.url)
        monkeypatch.setenv("EM_CONNECT_FACEBOOK_GRAPH_URL", fake.url)
        flows = Flows()
        _, url = start(flows, "facebook")
        back = consent(url, "deny")
        with pytest.raises(ConnectRefused) as refused:
            accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
        assert str(refused.value) == (
            "Facebook did not allow the connection (Cancel, or a permission unticked); next time press "
            "Allow and keep the permissions: pages_show_list, pages_read_engagement, read_insights."
        )
        fake.granted.discard("read_insights")  # allowed, but read_insights unticked
        _, url = start(flows, "facebook")
        back = consent(url)
        with pytest.raises(ConnectRefused, match="read_insights were not granted"):
            accounts.finish(flows.take(back["state"], "lan", NOW, "en"), back, NOW, "en")
    assert "read_insights" not in office.read_text(encoding="utf-8")


def test_app_credentials_need_every_field_and_connecting_without_them_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_MONITOR_SECRETS", str(tmp_path / "secrets.toml"))
    with pytest.raises(ConnectRefused, match="Enter the App secret"):
        save_app_credentials("facebook", {"app_id": "123", "app_secret": " "}, "en")
    pending = Flows().start("tiktok", "lan", REDIRECT, NOW)
    with pytest.raises(ConnectRefused, match="TikTok app credentials are not set"):
        accounts.authorize_url(pending, "en")


def test_a_youtube_channel_needs_only_the_key_and_its_id(engine, office, monkeypatch):
    from fake_youtube import CHANNEL_ID, KEY, WRONG_KEY, FakeYouTube

    with FakeYouTube.sample() as fake:
        monkeypatch.setenv("EM_CONNECT_YOUTUBE_API_URL", fake.url)
        save_app_credentials("youtube", {"api_key": WRONG_KEY}, "en")
        with pytest.raises(ConnectRefused, match="YouTube refused: API key not valid"):
            accounts.youtube_channel(CHANNEL_ID, "en")
        save_app_credentials("youtube", {"api_key": KEY}, "en")
        with pytest.raises(ConnectRefused, match="No YouTube channel UCnope"):
            accounts.youtube_channel("UCnope", "en")
        channel = accounts.youtube_channel(CHANNEL_ID, "en")
        name = accounts.store(office, channel)
        assert KEY not in office.read_text(encoding="utf-8")
        result = run_once(engine, load_config(office), [name])[name]
        assert result.status == "ok" and result.new_items > 0
