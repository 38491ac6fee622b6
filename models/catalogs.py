"""Translations as gettext catalogs that translators edit with Poedit, read by Babel.

Each text has a key (the entry's ``msgctxt``, what the code asks for), its English text (``msgid``,
with ``msgid_plural`` where a count varies) and its Vietnamese (``msgstr`` in
``<package>/locale/vi/LC_MESSAGES/<domain>.po``). A ``Catalog`` is read once, on first use, and looks
like the dictionaries it replaced: ``catalog[key]`` is ``{"en": …, "vi": …}``, a tuple of forms for a
plural entry (see ``models.i18n.translate``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from importlib.resources import files

from babel.messages.pofile import read_po

Forms = str | tuple[str, ...]
CATALOG_LANGUAGE = "vi"  # English is the source language: the msgids


class Catalog(Mapping[str, Mapping[str, Forms]]):
    """The texts of one gettext domain of one package, keyed by ``msgctxt``."""

    def __init__(self, package: str, domain: str) -> None:
        self.package, self.domain = package, domain

    @property
    def path(self):
        return files(self.package).joinpath("locale", CATALOG_LANGUAGE, "LC_MESSAGES", f"{self.domain}.po")

    @cached_property
    def _entries(self) -> dict[str, dict[str, Forms]]:
        with self.path.open("rb") as handle:
            catalog = read_po(handle, locale=CATALOG_LANGUAGE, domain=self.domain)
        entries: dict[str, dict[str, Forms]] = {}
        for message in catalog:
            if not message.id:
                continue  # the header
            if message.context is None:
                raise ValueError(f"{self.path}: the entry {message.id!r} has no msgctxt (its key)")
            english: Forms = tuple(message.id) if message.pluralizable else message.id
            translated: Forms = tuple(message.string) if message.pluralizable else message.string
            entries[message.context] = {"en": english, CATALOG_LANGUAGE: translated}
        return entries

    def __getitem__(self, key: str) -> Mapping[str, Forms]:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalog({self.package!r}, {self.domain!r})"
