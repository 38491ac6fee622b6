"""Units mapped to the channel that speaks for them (the unit list's Trang / channel column,
migration 0009): a view of some channels counts the enrolments of their units (their old names and
the units under them too); without a mapping, or for the whole network, every unit counts."""

from datetime import date

from collector.importer import import_bytes
from models import metrics
from models.metrics import Scope
from models.store import ChannelRecord, EnrolmentRecord, save_channel, save_enrolments

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
UNITS = (
    "Đơn vị,Cấp,Đơn vị cha,Tên cũ,Trang\n"
    "Tỉnh A,Tỉnh,,,BHXH tỉnh A\n"
    "Xã A1,Xã,Tỉnh A,Huyện A cũ,\n"
    "Tỉnh B,Tỉnh,,,BHXH tỉnh B\n"
    "Xã B1,Xã,Tỉnh B,,\n"
)


def _setup(engine) -> tuple[int, int]:
    with engine.begin() as connection:
        ids = tuple(
            save_channel(connection, ChannelRecord(external_id=f"page-{name}", name=f"BHXH tỉnh {name}"))
            for name in ("A", "B")
        )
        save_enrolments(
            connection,
            [
                EnrolmentRecord(date(2024, 5, 2), "Xã A1", "voluntary_si", 3),
                EnrolmentRecord(date(2024, 5, 3), "Huyện A cũ", "voluntary_si", 5),  # an old name of Xã A1
                EnrolmentRecord(date(2024, 5, 3), "Xã B1", "voluntary_si", 7),
                EnrolmentRecord(date(2024, 5, 4), "Đơn vị chưa có trong danh sách", "voluntary_si", 11),
            ],
        )
    return ids


def _enrolled(engine, scope: Scope) -> tuple[int, int]:
    with engine.connect() as connection:
        totals = metrics.enrolment_totals(connection, scope).get("voluntary_si", 0)
        daily = int(metrics.enrolment_daily(connection, scope)["count"].sum())
    return totals, daily


def test_a_channels_view_counts_the_enrolments_of_the_units_it_speaks_for(engine):
    a, b = _setup(engine)
    assert _enrolled(engine, Scope(MAY.start, MAY.end, channel_ids=(a,))) == (26, 26)  # no mapping yet: all
    report = import_bytes(engine, "don_vi.csv", UNITS.encode())
    assert (report.kind, report.new) == ("units", 4)
    assert _enrolled(engine, Scope(MAY.start, MAY.end, channel_ids=(a,))) == (8, 8)  # Xã A1 and its old name
    assert _enrolled(engine, Scope(MAY.start, MAY.end, channel_ids=(b,))) == (7, 7)
    assert _enrolled(engine, Scope(MAY.start, MAY.end, channel_ids=(a, b))) == (15, 15)
    assert _enrolled(engine, MAY) == (26, 26)  # the whole network: every unit, mapped or not
    with engine.connect() as connection:
        one_page = metrics.kpis(connection, Scope(MAY.start, MAY.end, channel_ids=(b,)))
        chosen = metrics.enrolment_totals(connection, Scope(MAY.start, MAY.end, channel_ids=(b,)), ("Xã A1",))
    assert one_page["enrolments"]["value"] == 7
    assert chosen == {"voluntary_si": 3}  # units chosen by hand are counted as chosen
    # Moving a unit to the other page shows at once, kept figures included.
    import_bytes(
        engine, "don_vi_2.csv", UNITS.replace("Xã B1,Xã,Tỉnh B,,", "Xã B1,Xã,Tỉnh B,,BHXH tỉnh A").encode()
    )
    assert _enrolled(engine, Scope(MAY.start, MAY.end, channel_ids=(a,))) == (15, 15)
    with engine.connect() as connection:
        assert (
            metrics.kpis(connection, Scope(MAY.start, MAY.end, channel_ids=(b,)))["enrolments"]["value"] == 0
        )


def test_a_unit_list_names_the_page_in_english_too(engine):
    a, b = _setup(engine)
    text = "unit,level,parent,channel\nProvince A,province,,BHXH tỉnh A\n"
    report = import_bytes(engine, "units.csv", text.encode())
    assert report.kind == "units" and report.new == 1
    with engine.connect() as connection:
        assert metrics.channel_units(connection, (a,)) == ("Province A",)
        assert metrics.channel_units(connection, (b,)) == ()
