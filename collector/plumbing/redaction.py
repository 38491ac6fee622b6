"""Secrets never leave this process in clear: tokens in URLs, bearer headers and every registered
secret are replaced by ``[redacted]`` in messages and logs, for every source."""

import logging
import re
import threading

# ``key=`` is how Google APIs (YouTube) take an API key, in the query string.
_SECRET_PARAMS = re.compile(
    r"((?:access_token|input_token|client_secret|appsecret_proof|fb_exchange_token|(?<![A-Za-z0-9_])key)=)"
    r"[^&\s\"'#]+",
    re.I,
)
_AUTH_HEADER = re.compile(r"\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}")
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
REDACTED = "[redacted]"


def register_secret(value: str) -> None:
    """Remember a secret so that ``redact`` hides it wherever it appears, not only in URLs."""
    if value and len(value) >= 8:
        with _secrets_lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` without tokens: ``access_token=…`` values, bearer headers and registered secrets."""
    text = _SECRET_PARAMS.sub(lambda m: m[1] + REDACTED, text)
    text = _AUTH_HEADER.sub(lambda m: f"{m[1]} {REDACTED}", text)
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter (put it on handlers) that redacts messages and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Add the redacting filter to every handler of ``logger`` (default: the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
