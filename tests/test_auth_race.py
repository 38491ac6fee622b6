"""Sign-in under attack: many guesses submitted at the same instant never get past the lockout.

Counting a failure and checking the lock happen in one transaction that serialises per user, so the
attempts behave as if they came one after another: none after the fifth failure is ever checked."""

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from models.auth import SignInFailed, User, add_user, audit_events, authenticate
from models.tables import AppUser

PASSWORD = "mật khẩu đủ dài 2024"
ATTEMPTS = 24


def _sign_in_together(engine, passwords: list[str]) -> list[object]:
    """Every password tried at once from its own thread; each outcome is a User or the exception."""
    start = threading.Barrier(len(passwords))

    def attempt(password: str) -> object:
        start.wait()
        try:
            return authenticate(engine, "anna", password)
        except Exception as exc:  # noqa: BLE001 - the test inspects what came out
            return exc

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, passwords))


def test_two_right_guesses_among_twenty_four_at_once_never_get_past_the_lockout(engine):
    with engine.begin() as connection:
        add_user(connection, "anna", "editor", PASSWORD, by="test")
    outcomes = _sign_in_together(engine, ["wrong password!"] * (ATTEMPTS - 2) + [PASSWORD, PASSWORD])

    assert [o for o in outcomes if not isinstance(o, User | SignInFailed)] == []
    with engine.connect() as connection:
        events = [e.action for e in reversed(audit_events(connection, user="anna"))]
    # As if one after another: a right guess may come before the fifth failure (the count starts
    # again), but once the account is locked no guess is checked, right or wrong.
    assert events.count("locked_out") == 1
    assert "sign_in" not in events[events.index("locked_out") :]
    with engine.connect() as connection:
        assert connection.execute(select(AppUser.locked_until)).scalar_one() is not None
