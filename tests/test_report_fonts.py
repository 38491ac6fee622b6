"""The Word report embeds Times New Roman's metric twin from subsets shipped beside the fonts (made
once, not at every report): they must be what subsetting the fonts for ``CHARACTERS`` makes today,
so a letter added to ``CHARACTERS`` or a new font cannot be forgotten in the shipped subsets."""

import pytest

from dashboard.report_fonts import _STYLES, _subset, make_subset


@pytest.mark.parametrize("file_name", sorted(_STYLES.values()))
def test_the_shipped_subset_is_the_one_the_font_makes_today(file_name):
    assert _subset(file_name) == make_subset(file_name), "run: python -m dashboard.report_fonts"
