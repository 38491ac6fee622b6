"""The whole import path the command uses (``import_file``: reading the disk, checks, parsing, the
transaction), fed random bytes, real files cut anywhere and real files with random cells: never a
traceback, only a one-line ``UserError`` or a report, and a refused file changes no table at all."""

import csv
import io

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlmodel import SQLModel

from collector.importer import ImportOptions, ImportRejected, import_file
from collector.plumbing.reading import FileProblem
from models.db import make_engine, migrate
from models.errors import UserError

REAL_FILES = sorted(
    [
        *(path for path in (FIXTURES / "meta_business_suite").iterdir() if path.is_file()),
        *(FIXTURES / "enrolment").iterdir(),
        FIXTURES / "campaigns_2024-05.csv",
        *(path for path in (FIXTURES / "youtube_studio").iterdir() if path.is_file()),
        *(FIXTURES / "zalo").iterdir(),
        *(FIXTURES / "activities").glob("*.csv"),
        *(FIXTURES / "units").iterdir(),
    ]
)
CSV_FILES = [
    path
    for path in REAL_FILES
    if path.suffix == ".csv" and path.name != "Views.csv" and path.name != "Viewers.csv"
]
OPTIONS = ImportOptions(lang="en", channel="100064523817765")
# Few examples each: the three properties together stay within about half a minute of CI time.
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    """One SQLite database holding the English posts export and the enrolment results already, so
    that a damaged file could update rows, not only add them."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('import-path') / 'engagement.db'}")
    migrate(engine)
    import_file(engine, FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv")
    import_file(engine, FIXTURES / "enrolment" / "ket_qua_phat_trien_2024-05.csv")
    import_file(engine, FIXTURES / "campaigns_2024-05.csv")  # the activity sheets name its campaigns
    yield engine
    engine.dispose()


def every_table(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table (rollups and audit trail included), sorted to compare by content."""
    with engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def import_checked(engine: Engine, folder, name: str, data: bytes, skip_bad_rows: bool = False):
    """Import ``data`` saved as ``folder/name``; a refusal must be one line (a bad-rows report:
    its lines) and leave every table as it was. Returns the report, or None when refused."""
    path = folder / name
    path.write_bytes(data)
    before = every_table(engine)
    options = ImportOptions(lang=OPTIONS.lang, channel=OPTIONS.channel, skip_bad_rows=skip_bad_rows)
    try:
        report = import_file(engine, path, options)
    except ImportRejected as rejected:
        assert rejected.report.problems and str(rejected).count("\n") <= 13
        assert every_table(engine) == before
        return None
    except UserError as error:
        assert str(error) and "\n" not in str(error) and "Traceback" not in str(error)
        assert every_table(engine) == before
        return None
    finally:
        path.unlink()
    after = every_table(engine)
    if report.status == "already_imported":
        assert after == before
    else:
        assert len(after["imported_file"]) == len(before["imported_file"]) + 1
        assert report.rejected == 0 or skip_bad_rows
    return report


@SETTINGS
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=200).map(lambda noise: b"PK\x03\x04" + noise),  # what looks like an XLSX
        st.text(max_size=500).map(lambda text: text.encode("utf-8")),
    ),
    suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
)
def test_random_bytes_are_refused_in_one_line_and_change_nothing(engine, tmp_path, data, suffix):
    import_checked(engine, tmp_path, "random" + suffix, data)


@SETTINGS
@given(path=st.sampled_from(REAL_FILES), fraction=st.floats(0.0, 1.0, exclude_max=True))
def test_a_real_file_cut_anywhere_is_refused_or_lands_whole(engine, tmp_path, path, fraction):
    data = path.read_bytes()
    cut = data[: int(len(data) * fraction)]
    report = import_checked(engine, tmp_path, path.name, cut, skip_bad_rows=True)
    if report is not None and report.status == "imported":
        # Accepted: the cut fell at the end of a row, or inside the last cell of the last row (a
        # shorter value there is a file like any other): never more rows than the whole file.
        assert report.rows <= import_rows(path)


def import_rows(path) -> int:
    return sum(1 for row in csv.reader(io.StringIO(text_of(path), newline="")) if "".join(row).strip())


def text_of(path) -> str:
    return path.read_bytes().decode("utf-16" if path.read_bytes()[:2] == b"\xff\xfe" else "utf-8-sig")


def mid_row_cuts(text: str) -> tuple[int, list[int]]:
    """Where a file can be cut in the middle of a data row: inside a quoted field, or after a
    delimiter that is not its row's last (a cut after the last one leaves a whole row with an empty
    last cell, a file like any other). Also the end of the header row, before which any cut is
    simply another kind of bad file."""
    header_end = offset = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if sum(1 for cell in next(csv.reader([line]), []) if cell.strip()) >= 2:
            header_end = offset
            break
    cuts: list[int] = []
    row_commas: list[int] = []
    quoted = False
    for position, char in enumerate(text):
        if char == '"':
            quoted = not quoted  # an escaped "" turns it off and on again
        elif quoted:
            cuts.append(position)  # text[:position] ends inside this quoted field
        elif char == ",":
            row_commas.append(position + 1)
        elif char == "\n":
            cuts += row_commas[:-1]
            row_commas = []
    return header_end, [cut for cut in cuts if cut > header_end]


TRUNCATABLE = [path for path in REAL_FILES if mid_row_cuts(text_of(path))[1]]


@SETTINGS
@given(path=st.sampled_from(TRUNCATABLE), pick=st.integers(0, 10**9))
def test_a_real_file_cut_in_the_middle_of_a_row_is_refused_as_truncated(engine, tmp_path, path, pick):
    text = text_of(path)
    cuts = mid_row_cuts(text)[1]
    cut = text[: cuts[pick % len(cuts)]]
    data = cut.encode("utf-16") if path.read_bytes()[:2] == b"\xff\xfe" else cut.encode("utf-8-sig")
    before = every_table(engine)
    with pytest.raises(FileProblem) as caught:
        import_file(engine, write(tmp_path, path.name, data), ImportOptions(lang="en", skip_bad_rows=True))
    assert str(caught.value) == f"{path.name}: the file ends in the middle of a row: download it again."
    assert every_table(engine) == before


def write(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


# What users and Excel put in cells: numbers of every size and form, dates of every era, formulas,
# quotes, line breaks, separators, and anything else.
CELLS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "18.600", "18,600", "1.22158E+17", "-1", "0", "32,4", "=1+1", '"', "\n"]),
    st.sampled_from(
        ["99999999999999999999", "2147483648", "9" * 5000, "01/01/0001 00:00", "12/31/9999 23:59"]
    ),
    st.sampled_from(["0001-01-01", "31/12/9999", "01/01/2030", "2030-05-01", "06/15/2030 09:30"]),
    st.dates().map(lambda day: day.strftime("%m/%d/%Y 09:30")),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.dates().map(lambda day: day.isoformat()),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=40),
)


@SETTINGS
@given(
    path=st.sampled_from(CSV_FILES),
    changes=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), CELLS), min_size=1, max_size=4),
    skip_bad_rows=st.booleans(),
)
def test_real_files_with_random_cells_never_crash_nor_land_half(
    engine, tmp_path, path, changes, skip_bad_rows
):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row_pick, column_pick, value in changes:
        row = rows[1 + row_pick % (len(rows) - 1)]
        row[column_pick % len(row)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    import_checked(engine, tmp_path, path.name, out.getvalue().encode("utf-8"), skip_bad_rows)
