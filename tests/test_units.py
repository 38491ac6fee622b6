"""The unit list: parsed (VI or EN headers), imported, and old names counted for today's units."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.importer import ImportOptions, import_bytes, import_file
from collector.plumbing.reading import read_sheet
from collector.sheets.units import parse_aliases, parse_units
from models import metrics
from models.impact import comparable_units, unit_impact
from models.store import CampaignRecord, EnrolmentRecord, UnitRecord, save_campaign, save_enrolments
from models.units import comparable_names, unit_list, unit_mapping
from tests.conftest import FIXTURES

UNITS = FIXTURES / "units" / "danh_sach_don_vi.csv"


def test_the_vietnamese_unit_list_is_recognised_and_imported_once(engine):
    report = import_file(engine, UNITS)
    assert (report.kind, report.language, report.new, report.rejected) == ("units", "vi", 13, 0)
    assert import_file(engine, UNITS).status == "already_imported"
    with engine.connect() as connection:
        units = {unit.name: unit for unit in unit_list(connection)}
    assert units["Xã Bảo Nhai"] == UnitRecord("Xã Bảo Nhai", "commune", "Lào Cai", ("Bắc Hà",))
    assert units["Phường Sa Pa"].level == "commune"
    assert units["Lào Cai"] == UnitRecord("Lào Cai", "province", None, ("Tỉnh Lào Cai", "Tỉnh Yên Bái"))


def test_an_english_list_updates_units_and_replaces_their_aliases(engine):
    import_file(engine, UNITS)
    text = (
        "unit,level,parent,aliases\nXã Bảo Nhai,commune,Lào Cai,Bắc Hà; Bảo Nhai cũ\nXã Mới,ward,Lào Cai,\n"
    )
    report = import_bytes(engine, "units.csv", text.encode())
    assert (report.kind, report.language, report.new, report.updated, report.unchanged) == (
        "units",
        "en",
        1,
        1,
        0,
    )
    with engine.connect() as connection:
        units = {unit.name: unit for unit in unit_list(connection)}
    assert units["Xã Bảo Nhai"].aliases == ("Bảo Nhai cũ", "Bắc Hà")
    assert units["Xã Mới"] == UnitRecord("Xã Mới", "commune", "Lào Cai", ())


def test_a_bad_unit_list_is_refused_whole_with_one_line_per_problem(engine):
    text = "Đơn vị,Cấp,Đơn vị cha\nXã A,Thành phố,Lào Cai\nXã B,Xã,Xã B\nXã A,Xã,Lào Cai\n,Xã,\n"
    try:
        import_bytes(engine, "don_vi.csv", text.encode(), ImportOptions(lang="vi"))
    except Exception as error:  # noqa: BLE001  ImportRejected carries the report
        lines = str(error).splitlines()
    else:
        raise AssertionError("a bad unit list was imported")
    assert any("don_vi.csv:2: Cấp: cấp không rõ (Thành phố)" in line for line in lines)
    assert any(
        "don_vi.csv:3: Đơn vị cha: đơn vị Xã B không thể là đơn vị cha của chính nó" in line for line in lines
    )
    assert any("don_vi.csv:4: Đơn vị: đơn vị này đã có ở dòng 2" in line for line in lines)
    with engine.connect() as connection:
        assert unit_list(connection) == []


@given(st.lists(st.text(alphabet="Bắc HàSiMaCiXãPhường ;\n", max_size=12), max_size=6))
def test_aliases_are_split_on_semicolons_tidied_and_never_empty(parts):
    aliases = parse_aliases(";".join(parts))
    assert all(alias and alias == " ".join(alias.split()) and ";" not in alias for alias in aliases)
    assert len(set(aliases)) == len(aliases)


@given(
    st.lists(
        st.tuples(
            st.text(
                st.characters(min_codepoint=32, exclude_characters='"', exclude_categories=("Cs",)),
                max_size=8,
            ),
            st.sampled_from(["", "Xã", "Huyện", "Tỉnh", "???"]),
        ),
        max_size=6,
    )
)
def test_any_unit_sheet_gives_records_or_problems_never_a_crash(rows):
    text = "Đơn vị,Cấp\n" + "".join(f'"{name}",{level}\n' for name, level in rows)
    sheet = read_sheet("units.csv", text.encode())
    result = parse_units(sheet)
    assert len(result.records) + len(result.findings.rejected_rows) == len(sheet.rows)
    assert all(record.name for record in result.records)


def test_an_old_district_split_into_communes_becomes_one_unit_under_its_old_name():
    units = [
        UnitRecord("Lào Cai", "province", None, ("Tỉnh Yên Bái",)),
        UnitRecord("Xã Bắc Hà", "commune", "Lào Cai", ("Bắc Hà",)),
        UnitRecord("Xã Bảo Nhai", "commune", "Lào Cai", ("Bắc Hà",)),
        UnitRecord("Xã Bảo Thắng", "commune", "Lào Cai", ("Bảo Thắng",)),
    ]
    mapping = comparable_names(units, ["Bắc Hà", "Bảo Thắng", "Văn Bàn"])
    assert mapping["Xã Bắc Hà"] == mapping["Xã Bảo Nhai"] == "Bắc Hà"
    assert mapping["Bảo Thắng"] == "Xã Bảo Thắng"
    assert "Văn Bàn" not in mapping and "Bắc Hà" not in mapping
    province = comparable_names(units, ["Bắc Hà", "Tỉnh Yên Bái"], level="province")
    assert {province[name] for name in ("Bắc Hà", "Xã Bảo Nhai", "Tỉnh Yên Bái", "Xã Bảo Thắng")} == {
        "Lào Cai"
    }


def test_per_unit_comparison_counts_old_district_rows_for_todays_communes(engine):
    """History by district (2025 before July), results by commune after: one comparable unit each."""
    import_file(engine, UNITS)
    start = date(2025, 9, 8)
    records = []
    for offset in range(-60, 7):
        day = start + timedelta(days=offset)
        during = offset >= 0
        if day < date(2025, 7, 1):
            rows = {"Bắc Hà": 10, "Si Ma Cai": 6, "Bảo Thắng": 12, "Văn Bàn": 9}
        else:
            rows = {
                "Xã Bắc Hà": 6 * (3 if during else 1),
                "Xã Bảo Nhai": 4 * (3 if during else 1),
                "Xã Si Ma Cai": 6,
                "Xã Bảo Thắng": 12,
                "Xã Văn Bàn": 9,
            }
        records += [EnrolmentRecord(day, unit, "health_insurance", count) for unit, count in rows.items()]
    with engine.begin() as connection:
        save_enrolments(connection, records)
        save_campaign(connection, CampaignRecord("Chiến dịch Bắc Hà", start, start + timedelta(days=6)))
    with engine.connect() as connection:
        units = comparable_units(connection)
        assert units == ["Bắc Hà", "Si Ma Cai", "Xã Bảo Thắng", "Xã Văn Bàn"]
        mapping = unit_mapping(connection, metrics.enrolment_units(connection))
        days = metrics.enrolment_unit_days(connection, "health_insurance", start, start, mapping)
        comparison = unit_impact(connection, "Chiến dịch Bắc Hà", "health_insurance", {"Bắc Hà"})
    assert dict(zip(days.unit, days["count"], strict=True)) == {
        "Bắc Hà": 30,
        "Si Ma Cai": 6,
        "Xã Bảo Thắng": 12,
        "Xã Văn Bàn": 9,
    }
    table = comparison.table.set_index("unit")
    assert table.loc["Bắc Hà", "before_per_day"] == 10 and table.loc["Bắc Hà", "during_per_day"] == 30
    assert comparison.relative == pytest.approx(3.0)
