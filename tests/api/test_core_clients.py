"""Client files from the front desk: create, get, patch, delete, search by name (basic)."""


def make(admin, first, last, email=None, **extra):
    r = admin.post("/api/clients", {"first_name": first, "last_name": last,
                                     "email": email or f"{first}.{last}@example.com".lower().replace(" ", ""), **extra})
    assert r.status == 201, r
    return r.json


def test_create_get_patch_delete(admin):
    c = make(admin, "Hélène", "Dupont", "helene@example.com", phone="06 12 34 56 78", gender="female",
             birth_date="1990-05-17", note="Préfère le matin")
    assert isinstance(c["id"], int)
    assert c["first_name"] == "Hélène" and c["last_name"] == "Dupont" and c["email"] == "helene@example.com"
    assert c["phone"] == "+33612345678"
    assert c["gender"] == "female" and c["birth_date"] == "1990-05-17" and c["note"] == "Préfère le matin"
    assert c["account"] is None and c["last_appointment"] is None

    got = admin.get(f"/api/clients/{c['id']}")
    assert got.status == 200
    for k, v in c.items():
        assert got[k] == v, k
    assert got["no_shows"] == 0
    assert got["members"] == [] and got["packages"] == [] and got["appointment_notes"] == []

    r = admin.patch(f"/api/clients/{c['id']}", {"phone": "+33 6 99 88 77 66", "note": "", "birth_date": None})
    assert r.status == 200, r
    assert r["phone"] == "+33699887766" and r["note"] == "" and r["birth_date"] is None
    assert r["first_name"] == "Hélène" and r["email"] == "helene@example.com"

    assert admin.delete(f"/api/clients/{c['id']}").status == 204
    assert admin.get(f"/api/clients/{c['id']}").status == 404
    assert admin.delete(f"/api/clients/{c['id']}").status == 404
    assert admin.patch(f"/api/clients/{c['id']}", {"note": "x"}).status == 404


def test_phone_writings_are_one_number(admin):
    phones = {make(admin, "A", str(i), f"a{i}@example.com", phone=p)["phone"]
              for i, p in enumerate(["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78"])}
    assert phones == {"+33612345678"}


def test_validation(admin):
    base = {"first_name": "Jean", "last_name": "Martin", "email": "jean@example.com"}
    cases = [
        ({**base, "first_name": ""}, "first_name"),
        ({k: v for k, v in base.items() if k != "last_name"}, "last_name"),
        ({k: v for k, v in base.items() if k != "email"}, "email"),
        ({**base, "email": "jean.example.com"}, "email"),
        ({**base, "phone": "pas de téléphone"}, "phone"),
        ({**base, "birth_date": "17/05/1990"}, "birth_date"),
        ({**base, "gender": "x"}, "gender"),
        ({**base, "first_name": 7}, "first_name"),
    ]
    for body, field in cases:
        r = admin.post("/api/clients", body)
        assert r.status == 422 and r.error_code == "validation_failed", (body, r)
        assert r["error"]["field"] == field, (body, r)
    assert admin.get("/api/clients")["total"] == 0
    c = make(admin, "Jean", "Martin", "jean@example.com")
    r = admin.patch(f"/api/clients/{c['id']}", {"email": "broken"})
    assert r.status == 422 and r["error"]["field"] == "email"
    assert admin.get(f"/api/clients/{c['id']}")["email"] == "jean@example.com"


def test_search_by_name_case_and_accent_insensitive(admin):
    helene = make(admin, "Hélène", "Dupont")["id"]
    marc = make(admin, "Marc", "Dupond")["id"]
    zoe = make(admin, "Zoé", "Élan")["id"]
    ids = lambda r: [x["id"] for x in r["items"]]  # noqa: E731

    r = admin.get("/api/clients", q="helene")
    assert r.status == 200 and ids(r) == [helene] and r["total"] == 1
    assert ids(admin.get("/api/clients", q="HÉLÈNE")) == [helene]
    assert ids(admin.get("/api/clients", q="helene dupont")) == [helene]
    assert ids(admin.get("/api/clients", q="dupont helene")) == [helene]
    assert set(ids(admin.get("/api/clients", q="dupon"))) == {helene, marc}
    assert ids(admin.get("/api/clients", q="elan")) == [zoe]
    assert ids(admin.get("/api/clients", q="nobody")) == []

    # Sorted by last name then first name; -name reverses.
    assert ids(admin.get("/api/clients")) == [marc, helene, zoe]
    assert ids(admin.get("/api/clients", sort="-name")) == [zoe, helene, marc]
    page = admin.get("/api/clients", limit=2, offset=1)
    assert page["total"] == 3 and ids(page) == [helene, zoe]
    item = admin.get("/api/clients", q="zoe")["items"][0]
    assert set(item) >= {"id", "first_name", "last_name", "email", "phone", "note", "account", "last_appointment"}
    assert admin.get("/api/clients", sort="age").status == 422
    assert admin.get("/api/clients", limit=0).status == 422
    assert admin.get("/api/clients", limit=501).status == 422


def test_delete_cancels_future_visits(salon):
    r = salon.book("2027-03-01T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}], confirmation="silent")
    assert r.status == 201
    assert salon.admin.delete(f"/api/clients/{salon.client}").status == 204
    assert salon.admin.get(f"/api/appointments/{r['id']}").status == 404
    # Alice is told, and her slot is free again.
    msgs = salon.admin.get("/api/outbox", kind="cancellation")["items"]
    assert any(m["to"] == "alice@salon.test" for m in msgs), msgs
    again = salon.book("2027-03-01T10:00:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}],
                       client=salon.client2)
    assert again.status == 201, again
