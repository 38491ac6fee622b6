"""Times New Roman's metric twin, embedded in the Word report so its lines break the same everywhere.

The report is set in Times New Roman (Decree 30/2020). Word on Windows has it; a LibreOffice
without it falls back to whatever serif the machine has, and DejaVu Serif (the only serif on a bare
Debian) is about 18 % wider: the national motto and the agency name wrap, and no layout inside the
text block holds both on one line at the decree's 12 pt. So the report carries a subset of
Liberation Serif (metrics identical to Times New Roman, SIL Open Font License) under the Times New
Roman entry of its font table: a machine with Times New Roman uses its own, one without it the
embedded twin (LibreOffice checked in tests/test_report_docx.py with only DejaVu fonts visible).
"""

from __future__ import annotations

import io
import uuid
from importlib.resources import files
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part

FONT_NAME = "Times New Roman"
# Fonts a PDF of the report may name for its text: Times New Roman or a font with its metrics.
METRIC_COMPATIBLE = (
    "TimesNewRoman",
    "Times-",
    "Times New Roman",
    "LiberationSerif",
    "Liberation Serif",
    "Tinos",
)
_STYLES = {
    "embedRegular": "LiberationSerif-Regular.ttf",
    "embedBold": "LiberationSerif-Bold.ttf",
    "embedItalic": "LiberationSerif-Italic.ttf",
    "embedBoldItalic": "LiberationSerif-BoldItalic.ttf",
}
# Every letter of Vietnamese (so an edited report keeps its font too), Latin-1 and the punctuation
# the report uses; the subset stays around 50 KB a style instead of 380 KB.
_VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơư" + "".join(chr(code) for code in range(0x1EA0, 0x1EFA))
_ACCENTED = "".join(chr(code) for code in range(0xC0, 0x180))
CHARACTERS = "".join(chr(code) for code in range(0x20, 0x7F)) + _ACCENTED + _VIETNAMESE + "–—‘’“”…•°§№×÷≈≤≥€"
_FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# ECMA-376 font obfuscation: the key is the fontKey GUID's hex digits read from its end, two at a
# time (positions in the braced string "{XXXXXXXX-XXXX-…}").
_KEY_POSITIONS = (35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1)


def embed_metric_twin(document: WordDocument) -> None:
    """Embed the Liberation Serif subsets under the document's Times New Roman font entry."""
    package = document.part.package
    font_table = next(part for part in package.iter_parts() if part.partname == "/word/fontTable.xml")
    embeds = []
    for number, (element, file_name) in enumerate(_STYLES.items(), start=1):
        key = "{" + str(uuid.uuid4()).upper() + "}"
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"),
            _OBFUSCATED_FONT,
            obfuscate(_subset(file_name), key),
            package,
        )
        relationship = font_table.relate_to(part, _FONT_RELATIONSHIP)
        embeds.append(f'<w:{element} r:id="{relationship}" w:fontKey="{key}" w:subsetted="1"/>')
    xml = font_table.blob.decode("utf-8")
    start = xml.index(f'<w:font w:name="{FONT_NAME}">')
    end = xml.index("</w:font>", start)  # the embed elements come last in a w:font
    font_table._blob = (xml[:end] + "".join(embeds) + xml[end:]).encode("utf-8")


def obfuscate(font: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID ``key`` (the same operation undoes it)."""
    key_bytes = bytes(int(key[position : position + 2], 16) for position in _KEY_POSITIONS)
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(font[:32]))
    return head + font[32:]


def is_metric_compatible(pdf_font_name: str) -> bool:
    """Whether a font name from a PDF (``pdffonts``, subset prefix allowed) has Times' metrics."""
    name = pdf_font_name.split("+", 1)[-1]
    return name.startswith(METRIC_COMPATIBLE)


def _subset(file_name: str) -> bytes:
    """The subset of ``file_name`` shipped beside it: subsetting the four styles took half of the
    Word report's own time (``make_subset`` made it; tests/test_report_fonts.py holds the two equal)."""
    return files("dashboard").joinpath("fonts", subset_name(file_name)).read_bytes()


def subset_name(file_name: str) -> str:
    return file_name.replace(".ttf", ".subset.ttf")


def make_subset(file_name: str) -> bytes:
    """The font's glyphs for ``CHARACTERS``, the same bytes every time (no new timestamp)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(files("dashboard").joinpath("fonts", file_name).open("rb"), recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the licence and the reserved name in the name table
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=CHARACTERS)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":  # after changing CHARACTERS or a font: python -m dashboard.report_fonts
    folder = Path(__file__).parent / "fonts"
    for name in _STYLES.values():
        (folder / subset_name(name)).write_bytes(make_subset(name))
