"""CSV export of the client list: delimiter , ; or tab, chosen columns in order, header row, RFC 4180 quoting
(round trips through Python's csv module), UTF-8; admin only."""
import csv
import io

import pytest

from conftest import Salon

ALL = ["id", "first_name", "last_name", "email", "phone", "gender", "birth_date", "note", "account",
       "last_appointment"]
TRICKY_NOTE = 'Line one\nLine two, with a comma; a semicolon\tand a tab, and "quotes" — café ☕'


@pytest.fixture
def salon(admin):
    s = Salon(admin)
    r = admin.post("/api/clients", {"first_name": "Zoë", "last_name": "O'Brien, \"Jr\"", "email": "zoe@example.com",
                                    "gender": "female", "birth_date": "1990-12-31", "note": TRICKY_NOTE})
    assert r.status == 201, r
    s.tricky = r["id"]
    return s


def export(admin, **params):
    r = admin.get("/api/clients/export.csv", **params)
    assert r.status == 200, r
    assert r.raw.headers["Content-Type"].startswith("text/csv")
    return r


def parse(r, delimiter=","):
    text = r.raw.content.decode("utf-8")  # UTF-8, strictly
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


@pytest.mark.parametrize("name,delimiter", [(",", ","), (";", ";"), ("tab", "\t")])
def test_round_trip_through_a_csv_parser(admin, salon, name, delimiter):
    rows = parse(export(admin, delimiter=name), delimiter)
    assert rows[0] == ALL
    assert len(rows) == 4
    by_id = {int(row[0]): dict(zip(rows[0], row)) for row in rows[1:]}
    z = by_id[salon.tricky]
    assert z["note"] == TRICKY_NOTE
    assert z["last_name"] == "O'Brien, \"Jr\"" and z["first_name"] == "Zoë"
    assert z["birth_date"] == "1990-12-31" and z["gender"] == "female" and z["account"] == ""
    assert by_id[salon.client]["first_name"] == "Hélène" and by_id[salon.client]["phone"] == "+33612345678"


def test_chosen_columns_in_the_chosen_order(admin, salon):
    rows = parse(export(admin, columns="note,last_name,id"))
    assert rows[0] == ["note", "last_name", "id"]
    assert all(len(row) == 3 for row in rows)
    assert [row[1] for row in rows[1:]] == ["Dupont", "Martin", "O'Brien, \"Jr\""]  # sorted by name
    rows = parse(export(admin, columns="email", sort="-name"))
    assert [row[0] for row in rows] == ["email", "zoe@example.com", "marc@example.com", "helene@example.com"]


def test_records_end_with_crlf_and_fields_are_quoted_only_when_needed(admin, salon):
    body = export(admin, columns="id,first_name,note").raw.content.decode("utf-8")
    assert body.startswith("id,first_name,note\r\n")
    assert f"{salon.client},Hélène,\r\n" in body
    assert '"Line one\nLine two, with a comma; a semicolon\tand a tab, and ""quotes"" — café ☕"' in body


def test_account_and_last_appointment_columns(server, admin, salon):
    r = server.api().post("/api/portal/register", {"first_name": "H", "last_name": "D", "email": "hd@example.com",
                                                   "phone": "", "password": "client-pass-1"})
    admin.post(f"/api/link-queue/{r['account']['id']}/link", {"client_id": salon.client})
    salon.book("2026-01-05T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
    rows = parse(export(admin, columns="id,account,last_appointment"))
    by_id = {int(row[0]): row for row in rows[1:]}
    assert by_id[salon.client][1:] == ["hd@example.com", "2026-01-05"]
    assert by_id[salon.client2][1:] == ["", ""]


def test_search_filters_the_export(admin, salon):
    rows = parse(export(admin, q="helene", columns="id"))
    assert rows == [["id"], [str(salon.client)]]


def test_bad_parameters_are_422(admin, salon):
    r = admin.get("/api/clients/export.csv", columns="first_name,password_hash")
    assert r.status == 422 and r.error_code == "validation_failed" and r.json["error"]["field"] == "columns", r
    assert admin.get("/api/clients/export.csv", columns="first_name,,email").status == 422
    r = admin.get("/api/clients/export.csv", delimiter="|")
    assert r.status == 422 and r.json["error"]["field"] == "delimiter", r


def test_export_is_admin_only(server, admin, salon):
    emp = server.api(server.api().post("/api/auth/login", {"email": "alice@salon.test",
                                                            "password": "employee-pass-1"})["token"])
    r = emp.get("/api/clients/export.csv")
    assert r.status == 403 and r.error_code == "forbidden", r
    assert server.api().get("/api/clients/export.csv").status == 401
    token = server.api().post("/api/portal/register", {"first_name": "H", "last_name": "D", "email": "x@example.com",
                                                       "phone": "", "password": "client-pass-1"})["token"]
    assert server.api(token).get("/api/clients/export.csv").status == 403
