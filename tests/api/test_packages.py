"""Packages ("forfaits") over HTTP: package types, packages held by clients, and the accounting at booking time
(no_package, package_exhausted, discovery_already_used, no-shows, giving sessions back, validity window, the
race for the last session)."""
import threading

import pytest

from conftest import at

MON = "2027-03-01"  # Monday, +01:00 in Europe/Paris
TUE = "2027-03-02"
# A no-show is marked only once the visit has started: those tests book in the past (a fixed Monday of 2026).
PAST_MON = "2026-03-02"
PAST_TUE = "2026-03-03"


class Packs:
    """The salon fixture plus a package_only laser service, a discovery service and a 'laser' package type."""

    def __init__(self, salon):
        self.salon = salon
        self.admin = salon.admin
        self.laser = salon.service("Laser (forfait)", 30, package_only=True)
        self.laser_unit = salon.service("Laser", 30)
        self.trial = salon.service("Séance découverte", 30, discovery=True)
        staff = self.admin.get(f"/api/staff/{salon.alice}").json
        r = self.admin.patch(f"/api/staff/{salon.alice}",
                             {"service_ids": staff["service_ids"] + [self.laser, self.laser_unit, self.trial]})
        assert r.status == 200, r

    def type(self, sessions=10, validity_days=0, name="10 séances laser", services=None, **extra):
        r = self.admin.post("/api/package_types", {"name": name, "sessions": sessions,
                                                   "service_ids": services or [self.laser],
                                                   "audience": "all", "validity_days": validity_days, **extra})
        assert r.status == 201, r
        return r["id"]

    def give(self, type_id, start_date="2027-01-01", client=None):
        r = self.admin.post(f"/api/clients/{client or self.salon.client}/packages",
                            {"package_type_id": type_id, "start_date": start_date})
        assert r.status == 201, r
        return r.json

    def book(self, day, hhmm, service=None, client=None, offset="+01:00"):
        return self.salon.book(at(day, hhmm, offset), [{"service_id": service or self.laser,
                                                         "staff_id": self.salon.alice}], client=client)

    def package(self, package_id, client=None):
        r = self.admin.get(f"/api/clients/{client or self.salon.client}/packages/{package_id}")
        assert r.status == 200, r
        return r.json

    def counts(self, package_id, client=None):
        p = self.package(package_id, client)
        return p["used"], p["no_shows"], p["remaining"]


@pytest.fixture
def packs(salon):
    return Packs(salon)


# ---- package types -------------------------------------------------------------------------------------

def test_package_type_crud(packs):
    admin = packs.admin
    r = admin.post("/api/package_types", {"name": "5 coupes enfant", "sessions": 5, "service_ids": [packs.laser],
                                          "audience": "child", "validity_days": 180})
    assert r.status == 201, r
    t = r.json
    assert t["name"] == "5 coupes enfant" and t["sessions"] == 5 and t["service_ids"] == [packs.laser]
    assert t["audience"] == "child" and t["validity_days"] == 180
    listed = admin.get("/api/package_types")
    assert listed.status == 200 and listed["total"] == 1 and listed["items"][0]["id"] == t["id"]
    assert admin.get(f"/api/package_types/{t['id']}").json == t
    r = admin.patch(f"/api/package_types/{t['id']}", {"sessions": 6, "validity_days": 0})
    assert r.status == 200, r
    assert r["sessions"] == 6 and r["validity_days"] == 0 and r["name"] == "5 coupes enfant"
    assert admin.delete(f"/api/package_types/{t['id']}").status == 204
    assert admin.get(f"/api/package_types/{t['id']}").status == 404
    assert admin.get("/api/package_types")["total"] == 0


@pytest.mark.parametrize("body,field", [
    ({"sessions": 10}, "name"),
    ({"name": "x"}, "sessions"),
    ({"name": "x", "sessions": 0}, "sessions"),
    ({"name": "x", "sessions": 3, "audience": "kids"}, "audience"),
    ({"name": "x", "sessions": 3, "validity_days": -1}, "validity_days"),
    ({"name": "x", "sessions": 3, "service_ids": []}, "service_ids"),
    ({"name": "x", "sessions": 3, "service_ids": [999999]}, "service_ids"),
    ({"name": "x", "sessions": "ten"}, "sessions"),
])
def test_package_type_validation(packs, body, field):
    body = {"service_ids": [packs.laser], **body}
    r = packs.admin.post("/api/package_types", body)
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert r.json["error"]["field"] == field


def test_package_types_admin_writes_staff_reads(server, packs):
    employee = server.api(server.api().post("/api/auth/login", {"email": "alice@salon.test",
                                                                "password": "employee-pass-1"})["token"])
    tid = packs.type()
    assert employee.get("/api/package_types").status == 200
    assert employee.get(f"/api/package_types/{tid}").status == 200
    r = employee.post("/api/package_types", {"name": "x", "sessions": 1, "service_ids": [packs.laser]})
    assert r.status == 403 and r.error_code == "forbidden"
    assert employee.patch(f"/api/package_types/{tid}", {"sessions": 2}).status == 403
    assert employee.delete(f"/api/package_types/{tid}").status == 403
    assert server.api().get("/api/package_types").status == 401
    # The front desk sells packages.
    assert employee.post(f"/api/clients/{packs.salon.client}/packages",
                         {"package_type_id": tid, "start_date": "2027-01-01"}).status == 201


def test_package_type_in_use_cannot_be_deleted(packs):
    tid = packs.type()
    p = packs.give(tid)
    r = packs.admin.delete(f"/api/package_types/{tid}")
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert packs.admin.delete(f"/api/clients/{packs.salon.client}/packages/{p['id']}").status == 204
    assert packs.admin.delete(f"/api/package_types/{tid}").status == 204


# ---- a client's packages ---------------------------------------------------------------------------------

def test_assign_package_shape(packs):
    tid = packs.type(sessions=10, validity_days=365)
    r = packs.admin.post(f"/api/clients/{packs.salon.client}/packages",
                         {"package_type_id": tid, "start_date": "2027-01-01"})
    assert r.status == 201, r
    p = r.json
    keys = ("package_type_id", "name", "sessions", "used", "no_shows", "remaining", "start_date")
    assert {k: p[k] for k in keys} == \
        {"package_type_id": tid, "name": "10 séances laser", "sessions": 10, "used": 0, "no_shows": 0,
         "remaining": 10, "start_date": "2027-01-01"}
    assert isinstance(p["id"], int)
    assert p["valid_until"] == "2027-12-31"
    listed = packs.admin.get(f"/api/clients/{packs.salon.client}/packages")
    assert listed.status == 200 and listed["total"] == 1 and listed["items"][0] == p
    assert packs.admin.get(f"/api/clients/{packs.salon.client2}/packages")["total"] == 0


def test_assign_start_date_in_the_past_and_default(packs):
    tid = packs.type()
    assert packs.give(tid, start_date="2020-05-04")["start_date"] == "2020-05-04"
    r = packs.admin.post(f"/api/clients/{packs.salon.client}/packages", {"package_type_id": tid})
    assert r.status == 201 and len(r["start_date"]) == 10, r  # today in the salon's zone


@pytest.mark.parametrize("body,status,code", [
    ({}, 422, "validation_failed"),
    ({"package_type_id": 999999}, 422, "validation_failed"),
    ({"package_type_id": "TYPE", "start_date": "2027-02-30"}, 422, "validation_failed"),
    ({"package_type_id": "TYPE", "start_date": "01/03/2027"}, 422, "validation_failed"),
])
def test_assign_validation(packs, body, status, code):
    tid = packs.type()
    body = {k: (tid if v == "TYPE" else v) for k, v in body.items()}
    r = packs.admin.post(f"/api/clients/{packs.salon.client}/packages", body)
    assert r.status == status and r.error_code == code, r


def test_assign_to_unknown_client_is_404(packs):
    tid = packs.type()
    r = packs.admin.post("/api/clients/999999/packages", {"package_type_id": tid, "start_date": "2027-01-01"})
    assert r.status == 404 and r.error_code == "not_found", r
    assert packs.admin.get("/api/clients/999999/packages").status == 404


def test_package_of_another_client_is_404(packs):
    p = packs.give(packs.type())
    assert packs.admin.get(f"/api/clients/{packs.salon.client2}/packages/{p['id']}").status == 404
    assert packs.admin.delete(f"/api/clients/{packs.salon.client2}/packages/{p['id']}").status == 404


def test_audience_of_the_package_must_fit_a_known_birth_date(packs):
    tid = packs.type(name="5 coupes enfant", audience="child")
    adult = packs.admin.post("/api/clients", {"first_name": "Paul", "last_name": "Grand", "email": "paul@example.com",
                                              "birth_date": "1980-01-01"})["id"]
    r = packs.admin.post(f"/api/clients/{adult}/packages", {"package_type_id": tid, "start_date": "2027-01-01"})
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert "children" in r.json["error"]["message"]
    child = packs.admin.post("/api/clients", {"first_name": "Léo", "last_name": "Petit", "email": "leo@example.com",
                                              "birth_date": "2020-01-01"})["id"]
    assert packs.admin.post(f"/api/clients/{child}/packages",
                            {"package_type_id": tid, "start_date": "2027-01-01"}).status == 201


# ---- booking consumes a session --------------------------------------------------------------------------

def test_booking_consumes_a_session(packs):
    p = packs.give(packs.type(sessions=10))
    r = packs.book(MON, "09:00")
    assert r.status == 201, r
    assert r["lines"][0]["package_id"] == p["id"]
    assert packs.counts(p["id"]) == (1, 0, 9)
    # A unit service beside it takes nothing.
    r = packs.salon.book(at(MON, "10:00"), [{"service_id": packs.laser_unit, "staff_id": packs.salon.alice},
                                            {"service_id": packs.laser, "staff_id": packs.salon.alice}])
    assert r.status == 201, r
    assert r["lines"][0]["package_id"] is None and r["lines"][1]["package_id"] == p["id"]
    assert packs.counts(p["id"]) == (2, 0, 8)


def test_client_file_shows_packages_as_the_front_desk_reads_them(packs):
    p = packs.give(packs.type(sessions=10), start_date="2026-01-01")
    ids = [packs.book(PAST_MON, hhmm)["id"] for hhmm in ("09:00", "09:30", "10:00")]
    assert packs.admin.post(f"/api/appointments/{ids[1]}/no_show", {"no_show": True}).status == 200
    file = packs.admin.get(f"/api/clients/{packs.salon.client}")
    assert file.status == 200, file
    [shown] = [x for x in file["packages"] if x["id"] == p["id"]]
    # "10 sessions, 3 used (1 no-show), 7 left"
    assert (shown["sessions"], shown["used"], shown["no_shows"], shown["remaining"]) == (10, 3, 1, 7)


def test_no_package(packs):
    r = packs.book(MON, "09:00", client=packs.salon.client2)
    assert r.status == 422 and r.error_code == "no_package", r
    assert "Laser (forfait)" in r.json["error"]["message"]
    assert r.json["error"]["field"] == "lines[0].service_id"
    # A package of other services does not cover it either.
    other = packs.type(name="5 coupes", services=[packs.salon.cut])
    packs.give(other, client=packs.salon.client2)
    r = packs.book(MON, "09:00", client=packs.salon.client2)
    assert r.status == 422 and r.error_code == "no_package", r
    # Nothing was written.
    assert packs.admin.get("/api/appointments", client_id=packs.salon.client2).json["total"] == 0


def test_package_exhausted(packs):
    p = packs.give(packs.type(sessions=2, name="2 séances laser"))
    assert packs.book(MON, "09:00").status == 201
    assert packs.book(MON, "09:30").status == 201
    r = packs.book(MON, "10:00")
    assert r.status == 422 and r.error_code == "package_exhausted", r
    message = r.json["error"]["message"]
    assert "2 séances laser" in message and "no session left" in message
    assert packs.counts(p["id"]) == (2, 0, 0)


def test_two_lines_of_one_visit_need_two_sessions(packs):
    packs.give(packs.type(sessions=1))
    r = packs.salon.book(at(MON, "09:00"), [{"service_id": packs.laser, "staff_id": packs.salon.alice},
                                            {"service_id": packs.laser, "staff_id": packs.salon.alice}])
    assert r.status == 422 and r.error_code == "package_exhausted", r
    assert r.json["error"]["field"] == "lines[1].service_id"


def test_oldest_valid_package_first_then_the_next(packs):
    tid = packs.type(sessions=1)
    newer = packs.give(tid, start_date="2027-02-01")
    older = packs.give(tid, start_date="2027-01-01")
    first = packs.book(MON, "09:00")
    assert first["lines"][0]["package_id"] == older["id"]
    second = packs.book(MON, "09:30")
    assert second["lines"][0]["package_id"] == newer["id"]
    assert packs.book(MON, "10:00").error_code == "package_exhausted"


# ---- no-show, cancel, delete, move ----------------------------------------------------------------------

def test_no_show_keeps_the_session_used(packs):
    p = packs.give(packs.type(sessions=1), start_date="2026-01-01")
    a = packs.book(PAST_MON, "09:00")
    r = packs.admin.post(f"/api/appointments/{a['id']}/no_show", {"no_show": True})
    assert r.status == 200 and r["no_show"] is True, r
    assert packs.counts(p["id"]) == (1, 1, 0)
    assert packs.book(PAST_MON, "11:00").error_code == "package_exhausted"
    # Undoing the no-show flag keeps the session used, without the no-show.
    packs.admin.post(f"/api/appointments/{a['id']}/no_show", {"no_show": False})
    assert packs.counts(p["id"]) == (1, 0, 0)


def test_cancel_gives_the_session_back(packs):
    p = packs.give(packs.type(sessions=1))
    a = packs.book(MON, "09:00")
    assert packs.book(MON, "10:00").error_code == "package_exhausted"
    assert packs.admin.post(f"/api/appointments/{a['id']}/cancel", {"reason": "malade"}).status == 200
    assert packs.counts(p["id"]) == (0, 0, 1)
    b = packs.book(MON, "10:00")
    assert b.status == 201 and b["lines"][0]["package_id"] == p["id"], b


def test_delete_gives_the_session_back(packs):
    p = packs.give(packs.type(sessions=1), start_date="2026-01-01")
    a = packs.book(PAST_MON, "09:00")
    packs.admin.post(f"/api/appointments/{a['id']}/no_show", {"no_show": True})
    assert packs.counts(p["id"]) == (1, 1, 0)
    # A no-show that must not count against the package is deleted.
    assert packs.admin.delete(f"/api/appointments/{a['id']}").status == 204
    assert packs.counts(p["id"]) == (0, 0, 1)
    assert packs.book(PAST_MON, "10:00").status == 201


def test_moving_the_line_to_a_unit_service_gives_the_session_back(packs):
    p = packs.give(packs.type(sessions=1))
    a = packs.book(MON, "09:00")
    r = packs.admin.patch(f"/api/appointments/{a['id']}",
                          {"lines": [{"service_id": packs.laser_unit, "staff_id": packs.salon.alice}]})
    assert r.status == 200, r
    assert r["lines"][0]["package_id"] is None
    assert packs.counts(p["id"]) == (0, 0, 1)
    # And back to the package variant: it takes the session again.
    r = packs.admin.patch(f"/api/appointments/{a['id']}",
                          {"lines": [{"service_id": packs.laser, "staff_id": packs.salon.alice}]})
    assert r.status == 200 and r["lines"][0]["package_id"] == p["id"], r
    assert packs.counts(p["id"]) == (1, 0, 0)


def test_moving_the_last_session_keeps_it(packs):
    p = packs.give(packs.type(sessions=1))
    a = packs.book(MON, "09:00")
    r = packs.admin.patch(f"/api/appointments/{a['id']}", {"start": at(TUE, "14:00")})
    assert r.status == 200, r
    assert r["lines"][0]["package_id"] == p["id"]
    assert packs.counts(p["id"]) == (1, 0, 0)


def test_handing_the_visit_to_another_client_uses_their_package(packs):
    s = packs.salon
    mine = packs.give(packs.type(sessions=1))
    a = packs.book(MON, "09:00")
    # The other client has no package: refused, nothing changes.
    r = packs.admin.patch(f"/api/appointments/{a['id']}", {"client_id": s.client2})
    assert r.status == 422 and r.error_code == "no_package", r
    assert packs.counts(mine["id"]) == (1, 0, 0)
    theirs = packs.give(packs.type(sessions=1, name="Laser Marc"), client=s.client2)
    r = packs.admin.patch(f"/api/appointments/{a['id']}", {"client_id": s.client2})
    assert r.status == 200 and r["lines"][0]["package_id"] == theirs["id"], r
    assert packs.counts(mine["id"]) == (0, 0, 1)
    assert packs.counts(theirs["id"], client=s.client2) == (1, 0, 0)


# ---- validity window -----------------------------------------------------------------------------------

def test_before_start_or_after_expiry_does_not_count(packs):
    p = packs.give(packs.type(sessions=5, validity_days=30), start_date="2027-03-01")  # valid 03-01 … 03-30
    r = packs.book("2027-02-26", "09:00")  # Friday before the start
    assert r.status == 422 and r.error_code == "no_package", r
    assert "2027-03-01" in r.json["error"]["message"] and "2027-03-30" in r.json["error"]["message"]
    r = packs.book("2027-03-31", "09:00", offset="+02:00")  # the day after the last valid day
    assert r.status == 422 and r.error_code == "no_package", r
    r = packs.book("2027-03-30", "09:00", offset="+02:00")  # the last valid day
    assert r.status == 201, r
    assert packs.counts(p["id"]) == (1, 0, 4)
    # Moving that visit past the expiry is refused; nothing changes.
    r = packs.admin.patch(f"/api/appointments/{r['id']}", {"start": at("2027-04-01", "09:00", "+02:00")})
    assert r.status == 422 and r.error_code == "no_package", r
    assert packs.counts(p["id"]) == (1, 0, 4)


def test_days_are_the_salons_local_dates(packs):
    # In Auckland (+13:00 in March) a 10:00 visit on 2 March is still 1 March in UTC.
    r = packs.admin.patch("/api/settings", {"timezone": "Pacific/Auckland"})
    assert r.status == 200, r
    starts = packs.give(packs.type(sessions=5), start_date="2027-03-02")
    r = packs.book(TUE, "10:00", offset="+13:00")
    assert r.status == 201, r
    assert r["lines"][0]["package_id"] == starts["id"]
    # A one-day package of 1 March does not cover 2 March local, even though it is 1 March in UTC.
    one_day = packs.type(sessions=5, validity_days=1, name="1 jour", services=[packs.laser])
    packs.give(one_day, start_date="2027-03-01", client=packs.salon.client2)
    r = packs.book(TUE, "11:00", client=packs.salon.client2, offset="+13:00")
    assert r.status == 422 and r.error_code == "no_package", r


# ---- discovery ------------------------------------------------------------------------------------------

def test_discovery_once_per_client(packs):
    first = packs.book(MON, "09:00", service=packs.trial)
    assert first.status == 201, first
    r = packs.book(TUE, "09:00", service=packs.trial)
    assert r.status == 422 and r.error_code == "discovery_already_used", r
    assert "discovery" in r.json["error"]["message"]
    # Another client may.
    assert packs.book(TUE, "09:00", service=packs.trial, client=packs.salon.client2).status == 201
    # Editing the first visit itself is fine.
    assert packs.admin.patch(f"/api/appointments/{first['id']}", {"start": at(MON, "11:00")}).status == 200


def test_discovery_pending_or_no_show_counts_cancelled_does_not(packs):
    s = packs.salon
    pending = s.book(at(PAST_MON, "09:00"), [{"service_id": packs.trial, "staff_id": s.alice}], confirmation="request")
    assert pending.status == 201 and pending["status"] == "pending", pending
    assert packs.book(TUE, "09:00", service=packs.trial).error_code == "discovery_already_used"
    packs.admin.post(f"/api/appointments/{pending['id']}/no_show", {"no_show": True})
    assert packs.book(TUE, "09:00", service=packs.trial).error_code == "discovery_already_used"
    assert packs.admin.post(f"/api/appointments/{pending['id']}/cancel", {}).status == 200
    assert packs.book(TUE, "09:00", service=packs.trial).status == 201


def test_two_discovery_lines_in_one_visit(packs):
    s = packs.salon
    r = s.book(at(MON, "09:00"), [{"service_id": packs.trial, "staff_id": s.alice},
                                  {"service_id": packs.trial, "staff_id": s.alice}])
    assert r.status == 422 and r.error_code == "discovery_already_used", r
    assert r.json["error"]["field"] == "lines[1].service_id"


# ---- removing a client's package ------------------------------------------------------------------------

def test_delete_client_package_refused_while_sessions_are_held(packs):
    p = packs.give(packs.type(sessions=3))
    a = packs.book(MON, "09:00")
    r = packs.admin.delete(f"/api/clients/{packs.salon.client}/packages/{p['id']}")
    assert r.status == 422 and r.error_code == "validation_failed", r
    assert packs.counts(p["id"]) == (1, 0, 2)
    packs.admin.post(f"/api/appointments/{a['id']}/cancel", {})
    assert packs.admin.delete(f"/api/clients/{packs.salon.client}/packages/{p['id']}").status == 204
    assert packs.admin.get(f"/api/clients/{packs.salon.client}/packages")["total"] == 0
    # The cancelled visit keeps its history without the package.
    assert packs.admin.get(f"/api/appointments/{a['id']}")["lines"][0]["package_id"] is None


# ---- the race for the last session ----------------------------------------------------------------------

def test_concurrent_bookings_never_share_the_last_session(packs):
    tid = packs.type(sessions=3)
    p = packs.give(tid)
    assert packs.book(MON, "09:00").status == 201
    assert packs.book(MON, "09:30").status == 201
    assert packs.counts(p["id"]) == (2, 0, 1)

    # Ten bookings at ten different times (no slot conflict between them) for the one session left.
    starts = [at(day, hhmm) for day in ("2027-03-03", "2027-03-04")
              for hhmm in ("09:00", "10:00", "11:00", "14:00", "15:00")]
    barrier = threading.Barrier(len(starts))
    results = [None] * len(starts)

    def book(i):
        api = packs.admin.with_token(packs.admin.token)
        line = {"service_id": packs.laser, "staff_id": packs.salon.alice}
        body = {"client_id": packs.salon.client, "start": starts[i], "lines": [line]}
        barrier.wait()
        results[i] = api.post("/api/appointments", body)

    threads = [threading.Thread(target=book, args=(i,)) for i in range(len(starts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status for r in results)
    assert statuses == [201] + [422] * 9, results
    assert {r.error_code for r in results if r.status == 422} == {"package_exhausted"}
    assert packs.counts(p["id"]) == (3, 0, 0)


# ---- portal -----------------------------------------------------------------------------------------------

def test_portal_sees_packages_and_clear_refusals(server, packs):
    s = packs.salon
    r = packs.admin.patch("/api/settings", {"booking": {"min_notice_minutes": 0, "max_advance_days": 3650}})
    assert r.status == 200, r
    reg = server.api().post("/api/portal/register", {"first_name": "Zoé", "last_name": "Laser",
                                                     "email": "zoe@example.com", "password": "portal-pass-123"})
    assert reg.status == 201, reg
    me = server.api(reg["token"])
    # No file yet, no package: the refusal says why.
    r = me.post("/api/portal/appointments", {"start": at(MON, "09:00"),
                                             "lines": [{"service_id": packs.laser, "staff_id": s.alice}]})
    assert r.status == 422 and r.error_code == "no_package", r
    assert "Laser (forfait)" in r.json["error"]["message"]
    # A first unit booking gives the account a file; the front desk keeps it and sells a package.
    r = me.post("/api/portal/appointments", {"start": at(MON, "09:00"),
                                             "lines": [{"service_id": packs.laser_unit, "staff_id": s.alice}]})
    assert r.status == 201, r
    client_id = r["client_id"]
    account_id = me.get("/api/portal/me")["account"]["id"]
    assert packs.admin.post(f"/api/link-queue/{account_id}/create").status in (200, 201)
    p = packs.give(packs.type(sessions=1), client=client_id)
    r = me.post("/api/portal/appointments", {"start": at(TUE, "09:00"),
                                             "lines": [{"service_id": packs.laser, "staff_id": s.alice}]})
    assert r.status == 201, r
    assert r["lines"][0]["package_id"] == p["id"]
    mine = me.get("/api/portal/me")
    [shown] = [x for x in mine["packages"] if x["id"] == p["id"]]
    assert (shown["sessions"], shown["used"], shown["remaining"]) == (1, 1, 0)
    r = me.post("/api/portal/appointments", {"start": at(TUE, "10:00"),
                                             "lines": [{"service_id": packs.laser, "staff_id": s.alice}]})
    assert r.status == 422 and r.error_code == "package_exhausted", r
    assert "no session left" in r.json["error"]["message"]
