"""Who may do what: dashboard users with roles, argon2 password hashes, lockout after repeated failures,
sessions that expire, and the audit trail of every change.

Passwords and session tokens never reach the database in clear: passwords as argon2id hashes
(argon2-cffi), session tokens as their SHA-256. A failed sign-in never says whether the name exists.
"""

import csv
import getpass
import hashlib
import io
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update

from models.cells import neutralise
from models.errors import UserError
from models.messages import say
from models.store import EnrolmentRecord
from models.tables import ROLES, AppUser, AuditEvent, EnrolmentResult, UserSession
from models.write import now_utc, utc

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
MIN_PASSWORD_LENGTH = 10
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
_SECRET_KEY = re.compile(r"token|secret|password|passwd", re.I)
_hasher = PasswordHasher()


class PermissionDenied(UserError):
    """The signed-in user's role does not allow this action."""


class SignInFailed(UserError):
    """Wrong name or password, or the account is locked for a while (deliberately the same message)."""


@dataclass(frozen=True)
class User:
    """A signed-in person: name and current role."""

    name: str
    role: str


@dataclass(frozen=True)
class UserInfo:
    """A user as listed for admins (never the hash)."""

    name: str
    role: str
    created_at: datetime
    locked_until: datetime | None


@dataclass(frozen=True)
class AuditRecord:
    """One entry of the audit trail."""

    at: datetime
    user: str
    action: str
    target: str | None
    detail: dict | None


# ---------------------------------------------------------------------------------------------
# Roles


def check_role(role: str) -> str:
    """``role`` if it is one we know, else a UserError listing them."""
    if role not in _ROLE_RANK:
        raise UserError(say("role_unknown", role=role, roles=", ".join(ROLES)))
    return role


def can(role: str | None, needed: str) -> bool:
    """Whether ``role`` includes ``needed`` (viewer < editor < admin); no role can do nothing."""
    return role in _ROLE_RANK and _ROLE_RANK[role] >= _ROLE_RANK[check_role(needed)]


def require(role: str | None, needed: str) -> None:
    """Raise PermissionDenied unless ``role`` includes ``needed``."""
    if not can(role, needed):
        who = say("role_yours", role=role) if role else say("role_none")
        raise PermissionDenied(say("role_needed", needed=needed, who=who))


# ---------------------------------------------------------------------------------------------
# Users


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (refused when shorter than MIN_PASSWORD_LENGTH)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(say("password_short", length=MIN_PASSWORD_LENGTH))
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy_hash() -> str:
    """A hash to verify against when the name is unknown, so that both cases take as long."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise UserError(say("user_name_invalid"))
    return name


def cli_user() -> str:
    """How changes made from the command line appear in the audit trail: ``cli:<system user>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def add_user(connection: Connection, name: str, role: str, password: str, by: str) -> User:
    """Create a user; ``by`` (who did it) goes to the audit trail."""
    name = _clean_name(name)
    check_role(role)
    if connection.execute(select(AppUser.id).where(AppUser.name == name)).first():
        raise UserError(say("user_exists", name=name))
    connection.execute(
        insert(AppUser).values(
            name=name,
            role=role,
            password_hash=hash_password(password),
            failed_attempts=0,
            created_at=now_utc(),
        )
    )
    record_audit(connection, by, "user_add", name, {"role": role})
    return User(name, role)


def _user_id(connection: Connection, name: str) -> int:
    found = connection.execute(select(AppUser.id).where(AppUser.name == name)).scalar_one_or_none()
    if found is None:
        raise UserError(say("user_unknown", name=name))
    return found


def set_password(connection: Connection, name: str, password: str, by: str) -> None:
    """Replace a user's password, lift any lockout and end their sessions."""
    user_id = _user_id(connection, name)
    connection.execute(
        update(AppUser)
        .where(AppUser.id == user_id)
        .values(password_hash=hash_password(password), failed_attempts=0, locked_until=None)
    )
    connection.execute(delete(UserSession).where(UserSession.user_id == user_id))
    record_audit(connection, by, "user_passwd", name)


def set_role(connection: Connection, name: str, role: str, by: str) -> None:
    """Give a user another role (effective at their next page load)."""
    user_id = _user_id(connection, name)
    connection.execute(update(AppUser).where(AppUser.id == user_id).values(role=check_role(role)))
    record_audit(connection, by, "user_role", name, {"role": role})


def remove_user(connection: Connection, name: str, by: str) -> None:
    """Delete a user and their sessions (the audit trail keeps their name)."""
    user_id = _user_id(connection, name)
    connection.execute(delete(UserSession).where(UserSession.user_id == user_id))
    connection.execute(delete(AppUser).where(AppUser.id == user_id))
    record_audit(connection, by, "user_remove", name)


def list_users(connection: Connection) -> list[UserInfo]:
    """Every user, by name."""
    rows = connection.execute(
        select(AppUser.name, AppUser.role, AppUser.created_at, AppUser.locked_until).order_by(AppUser.name)
    )
    return [UserInfo(*row) for row in rows]


def role_of(connection: Connection, name: str) -> str | None:
    """The role of user ``name``, or None if there is no such user."""
    return connection.execute(select(AppUser.role).where(AppUser.name == name)).scalar_one_or_none()


def has_users(connection: Connection) -> bool:
    """Whether anyone can sign in yet."""
    return connection.execute(select(AppUser.id).limit(1)).first() is not None


def authenticate(engine: Engine, name: str, password: str, now: datetime | None = None) -> User:
    """The user if ``password`` is theirs and they are not locked out; else SignInFailed.

    Takes the engine, not a connection: a failure is counted (and a lockout started) in its own
    committed transaction even though the caller gets an exception. Unknown names cost one hash
    verification too, and every refusal carries the same message. Reading the lock, checking the
    password and counting a failure are one transaction that holds the user's row (SQLite: the write
    lock), so guesses sent at the same instant are judged one after another and none gets past a
    lockout another has just started.
    """
    now = now or now_utc()
    with engine.connect() as connection, connection.begin():
        _serialise_writers(connection)
        row = connection.execute(
            select(AppUser.id, AppUser.name, AppUser.role, AppUser.password_hash, AppUser.locked_until)
            .where(AppUser.name == name.strip())
            .with_for_update()
        ).first()
        if row is None:
            _verify(_decoy_hash(), password)
        elif row.locked_until is not None and utc(row.locked_until) > now:
            pass  # locked: the password is not even checked
        elif _verify(row.password_hash, password):
            values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
            if _hasher.check_needs_rehash(row.password_hash):
                values["password_hash"] = _hasher.hash(password)
            connection.execute(update(AppUser).where(AppUser.id == row.id).values(**values))
            record_audit(connection, row.name, "sign_in", row.name)
            return User(row.name, row.role)
        else:
            _count_failure(connection, row.id, row.name, now)
    raise SignInFailed(say("sign_in_refused", minutes=int(LOCKOUT.total_seconds() // 60)))


def _serialise_writers(connection: Connection) -> None:
    """On SQLite, take the write lock now (``BEGIN IMMEDIATE``): SQLite has no row locks and ignores
    ``FOR UPDATE``, and a transaction that reads first then writes could act on what it read before
    another's commit. PostgreSQL's ``FOR UPDATE`` locks the one row instead."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _count_failure(connection: Connection, user_id: int, name: str, now: datetime) -> None:
    failures = connection.execute(
        update(AppUser)
        .where(AppUser.id == user_id)
        .values(failed_attempts=AppUser.failed_attempts + 1)
        .returning(AppUser.failed_attempts)
    ).scalar_one()
    if failures >= MAX_FAILURES:
        connection.execute(
            update(AppUser).where(AppUser.id == user_id).values(failed_attempts=0, locked_until=now + LOCKOUT)
        )
        record_audit(connection, name, "locked_out", name, {"failures": failures})


# ---------------------------------------------------------------------------------------------
# Sessions


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    connection: Connection, user: User, lifetime: timedelta = SESSION_LIFETIME, now: datetime | None = None
) -> str:
    """A new random session token for ``user`` (only its hash is stored); expired sessions are purged."""
    now = now or now_utc()
    connection.execute(delete(UserSession).where(UserSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    connection.execute(
        insert(UserSession).values(
            token_sha256=_token_hash(token),
            user_id=_user_id(connection, user.name),
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    return token


def session_user(connection: Connection, token: str | None, now: datetime | None = None) -> User | None:
    """The user of a live session (with their role as it is now), or None if expired or unknown."""
    if not token:
        return None
    now = now or now_utc()
    row = connection.execute(
        select(AppUser.name, AppUser.role)
        .join(UserSession, UserSession.user_id == AppUser.id)
        .where(UserSession.token_sha256 == _token_hash(token), UserSession.expires_at > now)
    ).first()
    return User(row.name, row.role) if row else None


def end_session(connection: Connection, token: str) -> None:
    """Sign out: the token stops working at once."""
    connection.execute(delete(UserSession).where(UserSession.token_sha256 == _token_hash(token)))


# ---------------------------------------------------------------------------------------------
# Audit trail


def _without_secrets(value: Any) -> Any:
    """``value`` with every key that names a secret dropped, as plain JSON (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _without_secrets(v) for k, v in value.items() if not _SECRET_KEY.search(str(k))}
    if isinstance(value, list | tuple):
        return [_without_secrets(v) for v in value]
    return json.loads(json.dumps(value, default=str))


def record_audit(
    connection: Connection,
    user: str,
    action: str,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one event to the audit trail, in the caller's transaction (so it lands with the change).

    ``action`` is a short verb like ``import``, ``campaign_edit``, ``enrolment_change``, ``user_add``;
    keys of ``detail`` that name a secret (token, password, …) are dropped.
    """
    connection.execute(
        insert(AuditEvent).values(
            at=now_utc(),
            user_name=user[:100],
            action=action[:40],
            target=target,
            detail=_without_secrets(detail) if detail else None,
        )
    )


def enrolment_changes(connection: Connection, records: Sequence[EnrolmentRecord]) -> list[dict[str, Any]]:
    """The stored enrolment values ``records`` would change (day, unit, category, old, new), for the audit."""
    latest = {(r.day, r.unit, r.category): r.count for r in records}
    if not latest:
        return []
    days = sorted({day for day, _, _ in latest})
    query = select(
        EnrolmentResult.day, EnrolmentResult.unit, EnrolmentResult.category, EnrolmentResult.count
    ).where(EnrolmentResult.day.between(days[0], days[-1]))
    return [
        {
            "day": day.isoformat(),
            "unit": unit,
            "category": category,
            "old": old,
            "new": latest[(day, unit, category)],
        }
        for day, unit, category, old in connection.execute(query)
        if (day, unit, category) in latest and latest[(day, unit, category)] != old
    ]


def audit_events(
    connection: Connection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    user: str | None = None,
    action: str | None = None,
    limit: int | None = 1000,
) -> list[AuditRecord]:
    """Audit events, newest first, optionally from ``since`` (inclusive) to ``until`` (exclusive)."""
    query = select(
        AuditEvent.at, AuditEvent.user_name, AuditEvent.action, AuditEvent.target, AuditEvent.detail
    ).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if since is not None:
        query = query.where(AuditEvent.at >= utc(since))
    if until is not None:
        query = query.where(AuditEvent.at < utc(until))
    if user is not None:
        query = query.where(AuditEvent.user_name == user)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if limit is not None:
        query = query.limit(limit)
    return [
        AuditRecord(utc(at), who, what, target, detail)
        for at, who, what, target, detail in connection.execute(query)
    ]


def audit_csv(records: list[AuditRecord]) -> bytes:
    """The audit trail as CSV (UTF-8 with BOM, so Excel on Windows shows Vietnamese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["at_utc", "user", "action", "target", "detail"])
    for record in records:
        detail = json.dumps(record.detail, ensure_ascii=False, sort_keys=True) if record.detail else ""
        cells = [
            record.at.isoformat(timespec="seconds"),
            record.user,
            record.action,
            record.target or "",
            detail,
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")
