"""Numbers written the ways Meta, YouTube and Excel write them read back exactly, in every file kind.

Meta writes decimals with a point and up to three places (``11526.332``); Excel re-saves them in
the user's locale (Vietnamese: ``11.526,332``, counts ``18.600``; English: ``11,526.332``); net
figures of a period may be negative. A column is written one way: it is read one way.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collector.kinds import FileContext, detect_kind, file_kind
from collector.plumbing.reading import (
    Columns,
    Sheet,
    decimal_style,
    parse_count,
    parse_decimal,
    thousands_separator,
)

# How each layout writes a number: (thousands separator, decimal separator); None: no grouping.
LAYOUTS = {
    "meta": (None, "."),
    "excel_en": (",", "."),
    "excel_vi": (".", ","),
    "excel_fr": ("\u202f", ","),
    "spaces": (" ", "."),
}


def written(value: Decimal, places: int, layout: str) -> str:
    """``value`` as ``layout`` writes it with ``places`` decimals (0: a whole number)."""
    grouping, point = LAYOUTS[layout]
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):.{places}f}".partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", grouping)
    return sign + whole + (point + fraction if fraction else "")


decimals = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(decimals, min_size=1, max_size=20),
    places=st.integers(1, 3),
    layout=st.sampled_from(sorted(LAYOUTS)),
    counts=st.lists(st.integers(1000, 10**8), min_size=1, max_size=5),
)
def test_a_decimal_column_reads_back_exactly_in_every_layout(values, places, layout, counts):
    """Each column as one layout writes it, beside counts written the same way (the file's grouping)."""
    grouping, _ = LAYOUTS[layout]
    texts = [written(value, places, layout) for value in values]
    count_texts = [written(Decimal(count), 0, layout) for count in counts]
    point, grouped = decimal_style(texts, thousands_separator(count_texts))
    read = [parse_decimal(text, point, grouped) for text in texts]
    assert read == [float(round(value, places)) for value in values]
    assert [parse_count(text) for text in count_texts] == counts


@settings(max_examples=200, deadline=None)
@given(value=st.integers(-(10**8), 10**8), layout=st.sampled_from(sorted(LAYOUTS)))
def test_counts_and_negative_net_figures_read_back_exactly(value, layout):
    assert parse_count(written(Decimal(value), 0, layout)) == value


@settings(max_examples=200, deadline=None)
@given(values=st.lists(decimals, min_size=1, max_size=10), places=st.integers(1, 3))
def test_a_decimal_never_jumps_by_a_thousand_whatever_the_column(values, places):
    """Meta's own layout: a point and up to three places, no grouping; never read 1000 times larger."""
    texts = [written(value, places, "meta") for value in values]
    sheet = Sheet(
        header=["Seconds viewed"], rows=[[text] for text in texts], row_numbers=[], encoding="utf-8"
    )
    sheet.row_numbers = list(range(2, len(texts) + 2))
    column = sheet.decimals(Columns(index={"seconds": 0}, language="en"), "seconds")
    assert column.problems == {}
    assert column.values == [float(round(value, places)) for value in values]


# --- Every kind of file with figures, through the registry ------------------------------------------

NOW = datetime(2025, 7, 11, 12, 0, tzinfo=UTC)
PERIOD = (date(2025, 6, 13), date(2025, 6, 17))


def sheet_of(header: list[str], rows: list[list[str]]) -> Sheet:
    return Sheet(header=header, rows=rows, row_numbers=list(range(2, len(rows) + 2)), encoding="utf-8")


def parsed(kind: str, header: list[str], rows: list[list[str]], period=None):
    """A sheet read as ``kind`` is detected and parsed by the registry, with no problem found."""
    sheet = sheet_of(header, rows)
    assert detect_kind(sheet) == kind
    context = FileContext("export.csv", NOW, "Asia/Ho_Chi_Minh", NOW, NOW.date(), period, "")
    result = file_kind(kind).parse(sheet, context)
    assert result.findings.problems == []
    return result.content


def snapshot_values(content, *fields: str) -> list[tuple]:
    return [tuple(getattr(snapshot, name) for name in fields) for snapshot in content.snapshots]


counts = st.integers(0, 10**8)
net = st.integers(-(10**5), 10**8)
layouts = st.sampled_from(sorted(LAYOUTS))


def whole(value: int, layout: str) -> str:
    return written(Decimal(value), 0, layout)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.tuples(counts, counts, counts, decimals, decimals), min_size=1, max_size=5),
    layout=layouts,
)
def test_facebook_posts_figures_read_back_exactly(rows, layout):
    header = [
        "Post ID",
        "Page ID",
        "Publish time",
        "Views",
        "Reach",
        "Reactions",
        "Seconds viewed",
        "Average Seconds viewed",
    ]
    lines = [
        [
            f"1_{n}",
            "1",
            "06/14/2025 09:30",
            whole(v, layout),
            whole(r, layout),
            whole(x, layout),
            written(s, 3, layout),
            written(a, 3, layout),
        ]
        for n, (v, r, x, s, a) in enumerate(rows)
    ]
    content = parsed("posts", header, lines)
    expected = [(v, r, x, float(round(s, 3)), float(round(a, 3))) for v, r, x, s, a in rows]
    fields = ("views", "reach", "reactions", "watch_time_s", "avg_watch_s")
    assert snapshot_values(content, *fields) == expected
    header = ["Video asset ID", "Page ID", "Publish time", "3-second video views", "Reach", "Reactions"]
    content = parsed(
        "facebook_videos",
        [*header, "Seconds viewed", "Average Seconds viewed"],
        [[str(n), *line[1:]] for n, line in enumerate(lines)],
    )
    assert snapshot_values(content, *fields) == expected


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=5), layout=layouts)
def test_instagram_and_tiktok_figures_read_back_exactly(rows, layout):
    header = ["Post ID", "Account ID", "Publish time", "Views", "Reach", "Likes"]
    lines = [
        [f"18{n}", "178", "06/14/2025 10:00", *(whole(value, layout) for value in row)]
        for n, row in enumerate(rows)
    ]
    assert snapshot_values(parsed("instagram_posts", header, lines), "views", "reach", "reactions") == rows
    header = ["Video title", "Video link", "Post time", "Video views", "Likes", "Comments"]
    lines = [
        [
            "t",
            f"https://www.tiktok.com/@a/video/75{n}",
            "2025-06-14 10:00",
            *(whole(value, layout) for value in row),
        ]
        for n, row in enumerate(rows)
    ]
    assert snapshot_values(parsed("tiktok_videos", header, lines), "views", "reactions", "comments") == rows


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(st.tuples(counts, net, st.decimals(0, 10**5, places=3)), min_size=1, max_size=5),
    layout=layouts,
    lifetime=st.booleans(),
)
def test_youtube_studio_figures_read_back_exactly_and_net_likes_only_in_a_period(rows, layout, lifetime):
    header = ["Content", "Video title", "Video publish time", "Views", "Likes", "Watch time (hours)"]
    lines = [
        [f"v{n}", "t", "Jun 12, 2025", whole(views, layout), whole(likes, layout), written(hours, 3, layout)]
        for n, (views, likes, hours) in enumerate(rows)
    ]
    if lifetime and all(likes >= 0 for _, likes, _ in rows):
        content = parsed("youtube_videos", header, lines)
        found = snapshot_values(content, "views", "reactions", "watch_time_s")
        assert found == [(views, likes, pytest.approx(float(hours) * 3600)) for views, likes, hours in rows]
    else:
        content = parsed("youtube_videos", header, lines, PERIOD)
        assert content.snapshots == [] and len(content.contents) == len(rows)


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.tuples(counts, net), min_size=1, max_size=5), layout=layouts)
def test_daily_series_figures_read_back_exactly(values, layout):
    days = [date(2025, 6, 13) + timedelta(days=n) for n in range(len(values))]
    totals = parsed(
        "youtube_totals",
        ["Date", "Views"],
        [[d.strftime("%d-%m-%Y"), whole(v, layout)] for d, (v, _) in zip(days, values, strict=True)],
    )
    assert [record.value for record in totals.records] == [v for v, _ in values]
    chart = parsed(
        "youtube_chart",
        ["Date", "Content", "Video title", "Views"],
        [[d.isoformat(), "v1", "t", whole(v, layout)] for d, (v, _) in zip(days, values, strict=True)],
    )
    assert [entry.views for entry in chart.days] == [v for v, _ in values]
    history = parsed(
        "follower_history",
        ["Date", "Followers", "Difference in followers from previous day"],
        [[d.isoformat(), whole(v, layout), whole(n, layout)] for d, (v, n) in zip(days, values, strict=True)],
    )
    assert [(r.metric, r.value) for r in history.records] == [
        pair for v, n in values for pair in (("follows", v), ("net_follows", n))
    ]
    viewers = parsed(
        "viewers_breakdown",
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        [
            [d.strftime("%B %d"), whole(v, layout), whole(v, layout), "0"]
            for d, (v, _) in zip(days, values, strict=True)
        ],
        PERIOD if len(values) <= 5 else None,
    )
    assert [r.value for r in viewers.records if r.metric == "viewers"] == [v for v, _ in values]
    series = parsed(
        "page_metrics",
        ["Date", "Primary"],
        [[d.isoformat(), whole(v, layout)] for d, (v, _) in zip(days, values, strict=True)],
    )
    assert [record.value for record in series.records] == [v for v, _ in values]


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.tuples(counts, counts, counts), min_size=1, max_size=5), layout=layouts)
def test_zalo_articles_and_enrolment_counts_read_back_exactly(rows, layout):
    header = ["Article title", "Publish date", "Views", "Shares", "Likes"]
    lines = [
        [f"a{n}", "2025-06-14 08:30", *(whole(value, layout) for value in row)] for n, row in enumerate(rows)
    ]
    assert snapshot_values(parsed("zalo_articles", header, lines), "views", "shares", "reactions") == rows
    header = ["date", "unit", "category", "count"]
    lines = [
        [
            (date(2025, 6, 13) + timedelta(days=n)).isoformat(),
            "Bát Xát",
            "voluntary_si",
            whole(row[0], layout),
        ]
        for n, row in enumerate(rows)
    ]
    assert [record.count for record in parsed("enrolment", header, lines).records] == [row[0] for row in rows]
