"""The audit trail: who changed what and when, never with a secret in it, exportable as CSV."""

from datetime import timedelta

from collector.importer import ImportOptions, import_bytes
from models.auth import (
    add_user,
    audit_csv,
    audit_events,
    authenticate,
    record_audit,
    remove_user,
    set_password,
    set_role,
)
from models.write import now_utc

PASSWORD = "a long enough password"


def test_user_management_is_recorded_with_who_did_it(engine):
    with engine.begin() as connection:
        add_user(connection, "lan", "viewer", PASSWORD, by="cli:root")
        set_role(connection, "lan", "editor", by="cli:root")
        set_password(connection, "lan", "another long password", by="admin")
        remove_user(connection, "lan", by="admin")
        events = audit_events(connection)
    assert [(e.user, e.action, e.target) for e in reversed(events)] == [
        ("cli:root", "user_add", "lan"),
        ("cli:root", "user_role", "lan"),
        ("admin", "user_passwd", "lan"),
        ("admin", "user_remove", "lan"),
    ]
    assert events[-1].detail == {"role": "viewer"}
    assert all(e.at.tzinfo is not None for e in events)


def test_sign_ins_and_lockouts_are_recorded(engine):
    with engine.begin() as connection:
        add_user(connection, "minh", "admin", PASSWORD, by="test")
    authenticate(engine, "minh", PASSWORD)
    with engine.connect() as connection:
        assert [e.action for e in audit_events(connection, user="minh")] == ["sign_in"]


def test_changes_land_with_their_details_and_secrets_are_dropped(engine):
    with engine.begin() as connection:
        record_audit(
            connection, "hoa", "import", "Views.csv", {"sha256": "ab12", "rows": 31, "kind": "page_metrics"}
        )
        record_audit(
            connection,
            "hoa",
            "campaign_edit",
            "Tuần lễ vàng",
            {"targets": {"voluntary_si": 136}, "access_token": "EAAB-secret", "nested": {"password": "x"}},
        )
        record_audit(
            connection,
            "hoa",
            "enrolment_change",
            "2024-05-13 / Bát Xát / voluntary_si",
            {"old": 30, "new": 32},
        )
        events = audit_events(connection)
        assert [e.action for e in audit_events(connection, action="import")] == ["import"]
        assert audit_events(connection, since=now_utc() + timedelta(minutes=1)) == []
    assert [e.action for e in events] == ["enrolment_change", "campaign_edit", "import"]
    assert events[1].detail == {"targets": {"voluntary_si": 136}, "nested": {}}
    assert events[2].detail["rows"] == 31


def test_the_export_is_csv_for_excel_that_never_runs_a_formula(engine):
    with engine.begin() as connection:
        record_audit(connection, "hoa", "import", '=HYPERLINK("http://x")', {"unit": "Bắc Hà"})
        exported = audit_csv(audit_events(connection))
    text = exported.decode("utf-8-sig")
    assert exported.startswith(b"\xef\xbb\xbf")
    assert text.splitlines()[0] == "at_utc,user,action,target,detail"
    assert "'=HYPERLINK" in text and "Bắc Hà" in text


def test_an_import_and_the_enrolment_values_it_changes_are_recorded(engine):
    header = "date,unit,category,count\n"
    first = header + "2024-05-13,Bát Xát,voluntary_si,30\n2024-05-13,Bắc Hà,voluntary_si,12\n"
    corrected = header + "2024-05-13,Bát Xát,voluntary_si,32\n2024-05-13,Bắc Hà,voluntary_si,12\n"
    import_bytes(engine, "ket_qua.csv", first.encode(), ImportOptions(user="hoa", lang="en"))
    import_bytes(engine, "ket_qua_sua.csv", corrected.encode(), ImportOptions(user="lan", lang="en"))
    import_bytes(engine, "ket_qua_sua.csv", corrected.encode(), ImportOptions(user="lan", lang="en"))  # no-op
    with engine.connect() as connection:
        events = list(reversed(audit_events(connection)))
    assert [(e.user, e.action, e.target) for e in events] == [
        ("hoa", "import", "ket_qua.csv"),
        ("lan", "enrolment_change", "ket_qua_sua.csv"),
        ("lan", "import", "ket_qua_sua.csv"),
    ]
    assert events[0].detail["kind"] == "enrolment" and events[0].detail["new"] == 2
    assert events[1].detail["changes"] == [
        {"day": "2024-05-13", "unit": "Bát Xát", "category": "voluntary_si", "old": 30, "new": 32}
    ]


def test_an_import_from_the_command_line_is_recorded_as_the_system_user(engine):
    import_bytes(engine, "ket_qua.csv", b"date,unit,category,count\n2024-05-13,X,non_cash,1\n")
    with engine.connect() as connection:
        assert audit_events(connection)[0].user.startswith("cli")
