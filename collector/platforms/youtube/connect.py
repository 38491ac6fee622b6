"""Connecting a YouTube channel: the figures we read (public statistics of the channel's videos)
need only the project's API key, so "connecting" is naming the channel; the key is checked by asking
the Data API v3 for the channel (``channels?part=snippet&id=…&key=…``). Why there is no Google OAuth
(held-for-review comments and YouTube Analytics would need it; we take neither): docs/youtube.md."""

import httpx

from collector.connect import ConnectedAccount, ConnectRefused, answer, endpoint, source_name
from collector.messages import say
from collector.platforms.youtube.source import DEFAULT_YOUTUBE_URL


def api_url() -> str:
    return endpoint("youtube", "api_url", DEFAULT_YOUTUBE_URL)


def channel(http: httpx.Client, app: dict[str, str], channel_id: str, lang: str) -> ConnectedAccount:
    channel_id = channel_id.strip()
    url = f"{api_url()}/channels"
    status, body = answer(
        lambda: http.get(url, params={"part": "snippet", "id": channel_id, "key": app["api_key"]}),
        "youtube",
        lang,
    )
    if status != 200 or "error" in body:
        reason = str((body.get("error") or {}).get("message") or status)
        raise ConnectRefused(say("connect_refused_by", lang, platform="YouTube", reason=reason[:200]))
    items = body.get("items") or []
    if not items:
        raise ConnectRefused(say("connect_no_channel", lang, channel=channel_id))
    name = str((items[0].get("snippet") or {}).get("title") or channel_id)
    source = {
        "name": source_name("youtube", name, channel_id),
        "type": "youtube_channel",
        "channel_id": channel_id,
    }
    source |= {"key_env": "YOUTUBE_API_KEY", "every": "1h"}
    if api_url() != DEFAULT_YOUTUBE_URL:
        source["base_url"] = api_url()
    return ConnectedAccount("youtube", channel_id, name, source, {})
