"""Where tokens come from: environment variables, or a secrets file that only its owner can read.

The secrets file is TOML with one ``NAME = "value"`` per token, named like the environment variable
a source's ``token_env`` gives. It is ``$ENGAGEMENT_MONITOR_SECRETS``, else ``./secrets.toml`` when
it exists. A file that the group or others may read is refused, with the ``chmod`` that fixes it.
Every value read is registered with the Graph API redaction, so it never shows in logs or messages.
"""

import os
import stat
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

from collector.graph_api import register_secret
from collector.messages import say
from models.errors import UserError
from models.i18n import language

SECRETS_ENV = "ENGAGEMENT_MONITOR_SECRETS"
DEFAULT_SECRETS = Path("secrets.toml")


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


def secret(name: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """Secret ``name``: from the environment variable, else from the secrets file; None if neither has it."""
    value = environ.get(name, "").strip()
    if value:
        register_secret(value)
        return value
    path = secrets_path(environ)
    if path is None:
        return None
    return load_secrets(path).get(name) or None
