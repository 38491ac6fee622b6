"""Errors meant for the user: the message is one line saying what happened and what to do."""


class UserError(Exception):
    """A problem the user can fix; the CLI and the dashboard show its message without a traceback."""
