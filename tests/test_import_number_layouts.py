"""Numbers written the ways Meta, YouTube and Excel write them read back exactly, in every file kind.

Meta writes decimals with a point and up to three places (``11526.332``); Excel re-saves them in
the user's locale (Vietnamese: ``11.526,332``, counts ``18.600``; English: ``11,526.332``); net
figures of a period may be negative. A column is written one way: it is read one way.
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

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
