"""Paging through an API listing: a small object with the next URL (token stripped) and ``has_next``."""

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def strip_token(url: str) -> str:
    """``url`` without its ``access_token`` parameter (Meta puts the token in ``paging.next``)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(query)))


class Paginator:
    """Where a listing is: the next URL (token stripped) and whether there is one."""

    def __init__(self, path: str, params: dict[str, Any]) -> None:
        self.next_url: str | None = path
        self.params: dict[str, Any] | None = params
        self.has_next = True

    def advance(self, payload: dict) -> None:
        """Move on with the ``paging.next`` of ``payload``; stop when there is none."""
        following = (payload.get("paging") or {}).get("next")
        self.next_url = strip_token(following) if following else None
        self.params = None
        self.has_next = bool(following and payload.get("data"))
