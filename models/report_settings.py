"""Who files the Word report: the agency, the place, the signer and the recipients.

The letterhead of a Vietnamese administrative document (Decree 30/2020/ND-CP): plain values, set
in the ``[report]`` section of ``sources.toml``, a report source, or the ``export`` options. The
defaults leave dotted blanks for the clerk, the way printed templates do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

BLANK = "……"


@dataclass(frozen=True)
class ReportSettings:
    """The letterhead, signature and recipients of the Word report (English fields fall back to
    the Vietnamese ones)."""

    parent_agency: str = "BẢO HIỂM XÃ HỘI VIỆT NAM"
    agency: str = f"BẢO HIỂM XÃ HỘI TỈNH {BLANK}"
    place: str = BLANK
    document_code: str = "BC-BHXH"
    signer_title: str = "GIÁM ĐỐC"
    signer: str = ""
    recipients: tuple[str, ...] = ("Ban Giám đốc", "Lưu: VT")
    agency_en: str | None = None
    place_en: str | None = None
    signer_title_en: str | None = None
    # The report's own number (``Số: 12/BC-BHXH``; blank for the clerk when empty) and the day it is
    # signed (the date line; today when None).
    document_number: str = ""
    signed_on: date | None = None

    def merged(self, values: dict[str, Any] | None) -> ReportSettings:
        """These settings with the values given (None or missing keys keep the current ones)."""
        known = {f.name for f in fields(self)}
        chosen = {key: value for key, value in (values or {}).items() if key in known and value is not None}
        if "recipients" in chosen:
            chosen["recipients"] = tuple(chosen["recipients"])
        return replace(self, **chosen)

    def in_language(self, lang: str) -> tuple[str, str, str]:
        """Agency, place and signer title as written in ``lang``."""
        if lang == "en":
            return (
                self.agency_en or self.agency,
                self.place_en or self.place,
                self.signer_title_en or self.signer_title,
            )
        return self.agency, self.place, self.signer_title
