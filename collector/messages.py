"""What the importers and sources say to users, in Vietnamese and English (see ``models.i18n.translate``)."""

import unicodedata

from models.catalogs import Catalog
from models.i18n import translate

MESSAGES = Catalog("collector", "collector")


# Values that name a file or quote a cell: whoever made the file chose them, so a newline in them
# must not start a line of its own in what we print (a forged "act.csv:2: Views: …").
_QUOTED_VALUES = ("file", "path", "value")


def say(key: str, lang: str, **values) -> str:
    """The message ``key`` in ``lang``; file names and cell values in it with control characters escaped."""
    for name in _QUOTED_VALUES:
        if name in values:
            values[name] = printable(str(values[name]))
    return translate(MESSAGES, key, lang, **values)


def printable(text: str) -> str:
    """``text`` with every character that moves or hides what follows (newline, carriage return,
    escape, tab, line separators, right-to-left overrides) written as its escape, ``\\n`` and so on."""
    return "".join(_escaped(ch) if _hides(ch) else ch for ch in text)


def _hides(ch: str) -> bool:
    bidi_control = "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"
    return bidi_control or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _escaped(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")
