"""Limits on a file before it is read: its size, its type by content, and no archive but XLSX.

Checked on every import (dashboard upload, command line, scheduled folders): a file larger than the
limit, a ZIP that is not an Excel workbook, an encrypted or oversized-when-unpacked workbook, or
another kind of archive is refused with one line. Nothing in a file is ever executed: XLSX cells are
read with ``data_only`` (a formula gives its stored result), CSV cells are text.
"""

import io
import os
import zipfile
from collections.abc import Mapping

from collector.reading import FileProblem

MAX_UPLOAD_ENV = "ENGAGEMENT_MONITOR_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 20
# An XLSX unpacks to a few times its size; far more is a decompression bomb.
MAX_UNPACKED_RATIO = 50
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_ZIP_MAGIC = b"PK\x03\x04"
_OTHER_ARCHIVES = (
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"Rar!\x1a\x07",  # RAR
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"PK\x05\x06",  # empty ZIP
    b"PK\x07\x08",  # spanned ZIP
)


def max_upload_mb(environ: Mapping[str, str] = os.environ) -> int:
    """The size limit in MB: ``$ENGAGEMENT_MONITOR_MAX_UPLOAD_MB``, else 20."""
    text = environ.get(MAX_UPLOAD_ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_MAX_UPLOAD_MB


def check_file(name: str, data: bytes, limit_mb: int | None = None) -> None:
    """Refuse (FileProblem) a file that is too large, or an archive other than an XLSX workbook."""
    limit_mb = limit_mb or max_upload_mb()
    if len(data) > limit_mb * 1024 * 1024:
        size = f"{len(data) / (1024 * 1024):.1f}"
        raise FileProblem("file_too_large", file=name, size=size, limit=limit_mb)
    if data.startswith(_OTHER_ARCHIVES):
        raise FileProblem("file_archive", file=name)
    if data.startswith(_ZIP_MAGIC):
        _check_workbook(name, data)


def _check_workbook(name: str, data: bytes) -> None:
    """A ZIP must be an XLSX workbook: its parts present, nothing encrypted, no bomb inside."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem("file_xlsx_broken", file=name) from error
    names = {entry.filename for entry in entries}
    if not all(part in names for part in XLSX_PARTS):
        raise FileProblem("file_archive", file=name)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise FileProblem("file_xlsx_broken", file=name)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_RATIO * max(len(data), 1024 * 1024):
        raise FileProblem("file_archive", file=name)
