"""Where tokens come from: environment variables, or a secrets file that only its owner can read.

The secrets file is TOML with one ``NAME = "value"`` per token, named like the environment variable
a source's ``token_env`` gives. It is ``$ENGAGEMENT_MONITOR_SECRETS``, else ``./secrets.toml`` when
it exists. A file that the group or others may read is refused, with the ``chmod`` that fixes it.
Every value read is registered with the Graph API redaction, so it never shows in logs or messages.
Tokens that rotate (Zalo's refresh token) are written back with :func:`store_secrets`, atomically.
"""

import json
import os
import re
import stat
import sys
import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path

from collector.messages import say
from collector.plumbing.redaction import register_secret
from models.errors import UserError
from models.i18n import language

SECRETS_ENV = "ENGAGEMENT_MONITOR_SECRETS"
DEFAULT_SECRETS = Path("secrets.toml")
# Sources run in threads: two renewing at once (a Zalo OA and a TikTok account) must not each rewrite
# the file from what it held before the other's write, or one rotated refresh token would be lost.
_STORE_LOCK = threading.Lock()


class SecretsFileError(UserError):
    """The secrets file is missing, unreadable, malformed or readable by others."""


def secrets_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """The secrets file: ``$ENGAGEMENT_MONITOR_SECRETS`` (must exist), else ./secrets.toml if present."""
    named = environ.get(SECRETS_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise SecretsFileError(say("secrets_missing", language(), path=path, env=SECRETS_ENV))
        return path
    return DEFAULT_SECRETS if DEFAULT_SECRETS.is_file() else None


def check_private(path: Path) -> None:
    """Refuse ``path`` unless only its owner may read or write it (POSIX permissions).

    On Windows the permission bits say nothing about who may read a file (NTFS access lists do),
    so the check is skipped there; keep the file in your own profile folder.
    """
    if sys.platform == "win32":
        return
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretsFileError(say("secrets_open", language(), path=path, mode=stat.filemode(mode)))


def load_secrets(path: Path) -> dict[str, str]:
    """The ``NAME = "value"`` pairs of a private secrets file (each value registered for redaction)."""
    check_private(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SecretsFileError(
            say("secrets_unreadable", language(), path=path, reason=type(error).__name__)
        ) from None
    except tomllib.TOMLDecodeError:
        # Never echo the parser's message: a broken line would hold a token.
        raise SecretsFileError(say("secrets_not_toml", language(), path=path)) from None
    found: dict[str, str] = {}
    for name, value in data.items():
        if not isinstance(value, str):
            raise SecretsFileError(say("secrets_not_text", language(), path=path, name=name))
        register_secret(value.strip())
        found[name] = value.strip()
    return found


def secret(name: str, environ: Mapping[str, str] = os.environ, *, file_first: bool = False) -> str | None:
    """Secret ``name``: from the environment variable, else from the secrets file; None if neither has it.

    ``file_first`` reads the file before the environment: for tokens we rotate and write back there,
    the file holds the newest value and the environment only the first one.
    """
    value = environ.get(name, "").strip()
    if value and not file_first:
        register_secret(value)
        return value
    path = secrets_path(environ)
    found = load_secrets(path).get(name) if path is not None else None
    if found:
        return found
    if value:
        register_secret(value)
        return value
    return None


def writable_secrets_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Where rotated tokens go: ``$ENGAGEMENT_MONITOR_SECRETS`` (created if need be), else ./secrets.toml."""
    named = environ.get(SECRETS_ENV)
    return Path(named) if named else DEFAULT_SECRETS


def store_secrets(values: Mapping[str, str], environ: Mapping[str, str] = os.environ) -> Path:
    """Set ``NAME = "value"`` lines in the secrets file (other lines and comments kept), atomically.

    The new text goes to an owner-only temporary file beside the old one, is flushed to disk, then
    renamed over it: a crash leaves the old file or the new one, never half of one. A refresh token
    that rotates is single-use, so losing the new one would mean re-authorising the app.
    """
    path = writable_secrets_path(environ)
    with _STORE_LOCK:
        _store(path, values)
    return path


def _store(path: Path, values: Mapping[str, str]) -> None:
    lines: list[str] = []
    if path.exists():
        check_private(path)
        load_secrets(path)  # refuse to rewrite a file we cannot read back
        lines = path.read_text(encoding="utf-8").splitlines()
    for name, value in values.items():
        register_secret(value)
        entry = f"{name} = {json.dumps(value)}"  # JSON's escapes are valid in a TOML basic string
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
        at = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        if at is None:
            lines.append(entry)
        else:
            lines[at] = entry
    text = "\n".join(lines) + "\n"
    written = tomllib.loads(text)
    if any(written.get(name) != value for name, value in values.items()):
        raise SecretsFileError(say("secrets_not_toml", language(), path=path))
    _replace_atomically(path, text)


def _replace_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)  # a leftover could have looser permissions: create it afresh
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if sys.platform != "win32":  # the rename itself survives a power cut once the folder is synced
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
