"""Random and mutated files never give a traceback (only a UserError) nor a partial import."""

import pytest
from conftest import FIXTURES
from db_state import database_state
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collector.importer import ImportOptions, import_bytes
from collector.plumbing.reading import read_sheet
from models.db import make_engine, migrate
from models.errors import UserError

SAMPLES = [
    FIXTURES / "meta_business_suite" / "May-01-2024_May-20-2024_posts_vi.csv",
    FIXTURES / "meta_business_suite" / "Views.csv",
    FIXTURES / "enrolment" / "ket_qua_phat_trien_2024-05.csv",
    FIXTURES / "campaigns_2024-05.csv",
]
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def mutated_files(draw) -> tuple[str, bytes]:
    """A real sample with a few bytes replaced, inserted or cut off."""
    path = draw(st.sampled_from(SAMPLES))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "truncate"]))
        noise = draw(st.binary(min_size=1, max_size=8))
        if action == "replace":
            data[position : position + len(noise)] = noise
        elif action == "insert":
            data[position:position] = noise
        else:
            del data[position:]
            break
    return path.name, bytes(data)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('property') / 'engagement.db'}")
    migrate(engine)
    import_bytes(
        engine,
        "posts.csv",
        (FIXTURES / "meta_business_suite" / "May-01-2024_May-31-2024_posts_en.csv").read_bytes(),
    )
    yield engine
    engine.dispose()


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_with_a_user_error(data):
    try:
        read_sheet("random.csv", data)
    except UserError as error:
        assert str(error) and "\n" not in str(error)


@SETTINGS
@given(file=mutated_files(), skip_bad_rows=st.booleans())
def test_a_mutated_file_lands_whole_or_not_at_all(engine, file, skip_bad_rows):
    name, data = file
    before = database_state(engine)
    try:
        report = import_bytes(
            engine, name, data, ImportOptions(skip_bad_rows=skip_bad_rows, channel="100064523817765")
        )
    except UserError:
        assert database_state(engine) == before
        return
    after = database_state(engine)
    if report.status == "already_imported":
        assert after == before
    else:
        assert len(after["imported_file"]) == len(before["imported_file"]) + 1
        assert report.rejected == 0 or skip_bad_rows
