"""What a person reads in a Streamlit message box: its Markdown source with the escapes that keep
file contents literal (see dashboard.show.plain) taken out."""

import re


def as_read(markdown: str) -> str:
    """``markdown`` as the characters shown: ``notes\\.csv`` reads ``notes.csv``, hard breaks are lines."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("  \n", "\n"))
