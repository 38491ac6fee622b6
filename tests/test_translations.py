"""The translations are gettext catalogs a translator edits: complete, consistent, and used."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from collector import messages as collector_messages
from collector import report_source
from dashboard import i18n
from models import messages as model_messages
from models.catalogs import Catalog

ROOT = Path(__file__).parent.parent
CATALOG_FILES = sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"\{(\w+)")
# The functions the code asks for a text with, by the module that defines them: the catalogs each
# looks in, in order.
ASKERS = {
    ("collector.messages", "say"): [collector_messages.MESSAGES],
    ("collector.report_source", "report_text"): [report_source.REPORT_MESSAGES],
    ("models.messages", "say"): [model_messages.MESSAGES],
    ("dashboard.i18n", "t"): [i18n.TEXTS],
    ("dashboard.i18n", "export_text"): [i18n.EXPORT_TEXTS, i18n.TEXTS],
    ("dashboard.i18n", "report_text"): [i18n.REPORT_TEXTS, i18n.EXPORT_TEXTS, i18n.TEXTS],
    ("dashboard.auth_ui", "_t"): [i18n.AUTH_TEXTS],
}


def test_every_catalog_is_a_po_file_poedit_reads_with_a_key_and_a_vietnamese_text_for_each_entry():
    assert len(CATALOG_FILES) >= 6
    for path in CATALOG_FILES:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        assert catalog.locale.language == "vi" and catalog.num_plurals == 1, path
        keys = [message.context for message in catalog if message.id]
        assert all(keys) and len(keys) == len(set(keys)), f"{path}: an entry without a key, or a key twice"
        for message in catalog:
            if message.id:
                strings = message.string if message.pluralizable else (message.string,)
                assert all(strings), f"{path}: {message.context} has no Vietnamese text"


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda path: path.stem)
def test_each_vietnamese_text_has_the_placeholders_of_its_english_text(path):
    catalog = Catalog(path.parts[-5], path.stem)
    for key, texts in catalog.items():
        english = texts["en"] if isinstance(texts["en"], tuple) else (texts["en"],)
        vietnamese = texts["vi"] if isinstance(texts["vi"], tuple) else (texts["vi"],)
        wanted = set(PLACEHOLDER.findall(english[-1]))
        for form in (*english, *vietnamese):
            assert set(PLACEHOLDER.findall(form)) == wanted, f"{path.name}: {key}: {form!r}"


def _asked_keys():
    """(file, line, asker, key) of every call with a literal key, in collector/, dashboard/, models/."""
    for package in ("collector", "dashboard", "models"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            names = {name: (module, name) for (where, name) in ASKERS if where == module}
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    for alias in node.names:
                        if (node.module, alias.name) in ASKERS:
                            names[alias.asname or alias.name] = (node.module, alias.name)
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in names
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    yield path.relative_to(ROOT), node.lineno, names[node.func.id], node.args[0].value


def test_every_key_the_code_asks_for_is_in_its_catalog():
    asked = list(_asked_keys())
    assert len(asked) > 300
    missing = [
        f"{path}:{line}: {asker[1]}({key!r})"
        for path, line, asker, key in asked
        if not any(key in catalog for catalog in ASKERS[asker])
    ]
    assert not missing, "\n".join(missing)


def test_a_count_picks_the_plural_form_in_english_and_the_one_form_in_vietnamese():
    from models.i18n import translate

    plural = [key for key, texts in collector_messages.MESSAGES.items() if isinstance(texts["en"], tuple)]
    assert "collect_serving" in plural
    serving = [
        translate(collector_messages.MESSAGES, "collect_serving", lang, count=count)
        for lang, count in (("en", 1), ("en", 3), ("vi", 3))
    ]
    assert serving[0].startswith("Collecting 1 source;") and serving[1].startswith("Collecting 3 sources;")
    assert serving[2].startswith("Đang thu thập 3 nguồn")
