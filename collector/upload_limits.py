"""Limits on a file before it is read: its size, its type by content, and no archive but XLSX.

Checked on every import (dashboard upload, command line, scheduled folders): a file larger than the
limit (a file on disk by the size its file system gives, before any byte is read), a device, FIFO
or socket, a ZIP that is not an Excel workbook, an encrypted or oversized-when-unpacked workbook,
or another kind of archive is refused with one line. Nothing in a file is ever executed: XLSX cells
are read with ``data_only`` (a formula gives its stored result), CSV cells are text.
"""

import io
import os
import stat
import zipfile
from collections.abc import Mapping
from pathlib import Path

from collector.plumbing.reading import FileProblem

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


def read_path(path: Path, limit_mb: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file within the size limit, and its status, checked before reading.

    Devices (``/dev/zero``), FIFOs and sockets are refused without waiting on them, and the size
    is the one the file system gives (a sparse multi-GB file is refused, never loaded)."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore the flag).
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise FileProblem("file_special", file=path.name)
        limit_mb = limit_mb or max_upload_mb()
        check_size(path.name, status.st_size, limit_mb)
        data = handle.read(limit_mb * 1024 * 1024 + 1)  # never more, even if it grew since
    check_size(path.name, len(data), limit_mb)
    return data, status


def check_size(name: str, size: int, limit_mb: int | None = None) -> None:
    """Refuse (FileProblem) a file of ``size`` bytes over the limit."""
    limit_mb = limit_mb or max_upload_mb()
    if size > limit_mb * 1024 * 1024:
        shown = f"{size / (1024 * 1024):.1f}"
        raise FileProblem("file_too_large", file=name, size=shown, limit=limit_mb)


def check_file(name: str, data: bytes, limit_mb: int | None = None) -> None:
    """Refuse (FileProblem) a file that is too large, or an archive other than an XLSX workbook."""
    check_size(name, len(data), limit_mb)
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
