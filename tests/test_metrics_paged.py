"""The content list read a page at a time (issue 15): the pages, searched or not, are exactly the
rows of the whole list, on SQLite and PostgreSQL, and a search ignores case in Vietnamese too."""

from datetime import date

import pandas as pd
import pytest

from models import metrics
from models.metrics import Scope

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
SEARCHES = ["", "livestream", "LIVESTREAM", "bhxh", "BẢO HIỂM", "ảnh", "%", "_", "không có tiêu đề này"]


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain values (missing as None): pages without any value in a column differ in dtype."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _matching(frame: pd.DataFrame, search: str) -> pd.DataFrame:
    found = frame.title.fillna("").str.lower().str.contains(search.lower(), regex=False)
    return frame[found].reset_index(drop=True)


@pytest.mark.parametrize("scope", [MAY, Scope(date(2024, 5, 1), date(2024, 5, 31), kinds=("photo", "video"))])
def test_pages_of_the_content_list_are_the_whole_list_cut_in_pieces(demo_engine, scope):
    with demo_engine.connect() as connection:
        whole = metrics.content_metrics(connection, scope)
        for search in SEARCHES:
            expected = _matching(whole, search)
            assert metrics.content_count(connection, scope, search) == len(expected)
            pages = [
                metrics.content_metrics(connection, scope, search, offset, 7)
                for offset in range(0, len(whole) + 7, 7)
            ]
            assert all(len(page) <= 7 for page in pages)
            assert _records(pd.concat(pages, ignore_index=True)) == _records(expected)


def test_a_search_ignores_case_beyond_ascii(demo_engine):
    with demo_engine.connect() as connection:
        whole = metrics.content_metrics(connection, MAY)
        title = next(
            t for t in whole.title.dropna() if any(c.isupper() and not c.isascii() for c in t.upper())
        )
        word = next(w for w in title.split() if not w.isascii())
        found = metrics.content_metrics(connection, MAY, word.upper())
        assert title in set(found.title) and len(found) == metrics.content_count(
            connection, MAY, word.lower()
        )


def test_views_by_kind_are_the_content_lists_views(demo_engine):
    with demo_engine.connect() as connection:
        whole = metrics.content_metrics(connection, MAY)
        points = metrics.views_by_kind(connection, MAY)
    expected = whole.sort_values(["kind", "published_at", "content_id"])[["kind", "title", "views"]]
    pd.testing.assert_frame_equal(points, expected.reset_index(drop=True), check_dtype=False)
