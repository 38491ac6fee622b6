"""What models/ says to users (database and sign-in problems), in Vietnamese and English.

The language is the configured one (``models.i18n.language``): models/ knows nothing of the CLI's
``--lang`` or the dashboard's language choice.
"""

from models.catalogs import Catalog
from models.i18n import language, translate

MESSAGES = Catalog("models", "models")


def say(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in ``lang`` (default: the configured language)."""
    return translate(MESSAGES, key, language(lang), **values)


def category_name(category: str, lang: str | None = None) -> str:
    """The name staff use for an enrolment category (BHXH tự nguyện / voluntary social insurance)."""
    key = f"category_{category}"
    return say(key, lang) if key in MESSAGES else category


def topic_name(topic: str, lang: str | None = None) -> str:
    """The name staff use for a question topic (Thẻ BHYT / Health insurance card)."""
    key = f"topic_{topic}"
    return say(key, lang) if key in MESSAGES else topic
