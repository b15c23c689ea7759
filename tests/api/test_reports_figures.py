"""Reports: every figure of GET /api/reports/summary, /daily (and daily.csv) and /package_usage on a small network
with known appointments, cancellations, online bookings, new clients, packages used across salons, time off and
waitlist offers (one accepted). Paris (Europe/Paris) and Montréal (America/Toronto) from tests/api/network.py; the
week of Monday 2027-03-01, winter time in both zones.

Open time (Mon-Fri, opening hours 09-19 both salons): Paris = Nora 15-19 (240) + Paula 09-18 (540) = 780 a day;
Montréal = Nora 09-13 (240) + Marc 09-18 (540) = 780 a day. Paula is off on Wednesday 08:00-10:00 (60 of her
minutes). Managers and the admin have no hours."""
import csv
import io
import re

import pytest

from conftest import Server
from network import Network

TOKEN = re.compile(r"/book/offers/([A-Za-z0-9_\-]+)")
WEEK = {"from": "2027-03-01", "to": "2027-03-07"}


def paris(day, hhmm):
    return f"{day}T{hhmm}:00+01:00"


def montreal(day, hhmm):
    return f"{day}T{hhmm}:00-05:00"


def client(admin, first, phone=""):
    r = admin.post("/api/clients", {"first_name": first, "last_name": "Rapport", "email": f"{first.lower()}@example.com",
                                    "phone": phone})
    assert r.status == 201, r
    return r["id"]


def line(service, staff, minutes, price):
    return {"service_id": service, "staff_id": staff, "duration_minutes": minutes, "price_cents": price}


class Scenario:
    def __init__(self, server):
        net = self.net = Network(server)
        admin = self.admin = net.admin
        self.anna, self.bea, self.carl, self.dora, self.emil = (
            client(admin, n, phone) for n, phone in
            (("Anna", ""), ("Bea", "06 11 22 33 44"), ("Carl", ""), ("Dora", ""), ("Emil", "")))
        assert admin.post(f"/api/staff/{net.paula}/time_off", {"start": paris("2027-03-03", "08:00"),
                                                               "end": paris("2027-03-03", "10:00")}).status == 201
        # Paris waitlist: automatic, e-mail and SMS (an offer to a client with both is two messages).
        assert admin.patch("/api/settings", {"waitlist": {"mode": "automatic", "channels": ["email", "sms"]}},
                           salon_id=net.paris).status == 200
        # A package (network scope) sold in Paris, used in both salons.
        included = net.service("Coupe (forfait)", 30, package_only=True)
        for staff in (net.nora, net.paula, net.marc):
            s = admin.get(f"/api/staff/{staff}")
            assert admin.patch(f"/api/staff/{staff}", {"service_ids": s["service_ids"] + [included]}).status == 200
        t = admin.post("/api/package_types", {"name": "5 coupes", "sessions": 5, "service_ids": [included]})
        assert t.status == 201, t
        assert admin.post(f"/api/clients/{self.anna}/packages", {"package_type_id": t["id"], "start_date": "2027-01-01",
                                                                 "salon_id": net.paris}).status == 201

        def book(salon, start, lines, who, **extra):
            r = net.book(salon, start, lines, client_id=who, confirmation="silent", **extra)
            assert r.status == 201, r
            return r.json

        # Emil came to Paris before the range: his Montréal visit in the range does not make him new.
        book(net.paris, paris("2027-02-22", "10:00"), [line(net.cut, net.paula, 30, 2500)], self.emil)
        # Paris, in the range.
        book(net.paris, paris("2027-03-01", "10:00"), [line(net.cut, net.paula, 30, 2500)], self.anna)  # new: Anna
        book(net.paris, paris("2027-03-02", "10:00"),  # new: Bea; two lines
             [line(net.cut, net.paula, 30, 2500), line(net.color, net.paula, 60, 4000)], self.bea)
        c = book(net.paris, paris("2027-03-02", "15:00"), [line(net.color, net.nora, 60, 4000)], self.carl)
        assert admin.post(f"/api/appointments/{c['id']}/cancel", {"reason": "ill"}).status == 200  # Carl: never new
        # Bea waits for an earlier slot with Paula on Friday; Anna's Thursday 11:00 is cancelled: Bea is offered it
        # (e-mail + SMS), accepts, and her appointment moves to Thursday.
        waiting = book(net.paris, paris("2027-03-05", "16:00"), [line(net.cut, net.paula, 30, 3000)], self.bea,
                       notify_earlier_slot=True)
        freed = book(net.paris, paris("2027-03-04", "11:00"), [line(net.cut, net.paula, 30, 2000)], self.anna)
        assert admin.post(f"/api/appointments/{freed['id']}/cancel", {}).status == 200
        offers = admin.get("/api/outbox", kind="waitlist_offer", appointment_id=waiting["id"])
        assert offers.status == 200 and sorted(m["channel"] for m in offers["items"]) == ["email", "sms"], offers
        token = TOKEN.search(offers["items"][0]["body"]).group(1)
        moved = server.api().post(f"/api/portal/offers/{token}/accept", {})
        assert moved.status == 200 and moved["start"] == paris("2027-03-04", "11:00"), moved
        # A package session used in Paris (price 0), and one used in Montréal below.
        book(net.paris, paris("2027-03-05", "11:00"), [{"service_id": included, "staff_id": net.paula, "price_cents": 0}],
             self.anna)
        # An online booking in Paris (Wednesday 14:00 with Paula), by a new portal account: a new client too.
        public = server.api()
        reg = public.post("/api/portal/register", {"first_name": "Iris", "last_name": "Web", "email": "iris@example.com",
                                                  "password": "client-pass-123"})
        assert reg.status == 201, reg
        r = server.api(reg["token"]).post("/api/portal/appointments", {
            "salon_id": net.paris, "start": paris("2027-03-03", "14:00"),
            "lines": [{"service_id": net.cut, "staff_id": net.paula}]})
        assert r.status == 201 and r["created_by"]["type"] == "client", r
        # Montréal.
        book(net.montreal, montreal("2027-03-01", "10:00"), [line(net.cut, net.marc, 30, 3500)], self.dora)  # new
        book(net.montreal, montreal("2027-03-04", "09:00"), [line(net.color, net.nora, 60, 5000)], self.anna)
        book(net.montreal, montreal("2027-03-05", "10:00"), [line(net.cut, net.marc, 30, 3500)], self.emil)
        book(net.montreal, montreal("2027-03-05", "11:00"), [{"service_id": included, "staff_id": net.marc,
                                                             "price_cents": 0}], self.anna)
        cancelled_package = book(net.montreal, montreal("2027-03-05", "12:00"),
                                 [{"service_id": included, "staff_id": net.marc, "price_cents": 0}], self.anna)
        assert admin.post(f"/api/appointments/{cancelled_package['id']}/cancel", {}).status == 200
        # Outside the range: the Monday after.
        book(net.montreal, montreal("2027-03-08", "10:00"), [line(net.cut, net.marc, 30, 3500)], self.carl)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    server = Server(str(tmp_path_factory.mktemp("reports")))
    try:
        yield Scenario(server)
    finally:
        server.stop()


# The expected figures. Paris: Anna Mon 10:00 cut (30, 25.00); Bea Tue 10:00 cut + colour (90, 65.00); Carl Tue
# cancelled; Iris Wed 14:00 cut online (30, network price 30.00); Anna Thu 11:00 cancelled (freed); Bea moved into Thu
# 11:00 (30, 30.00); Anna Fri 11:00 package (30, 0). Montréal: Dora Mon (30, 35.00); Anna Thu colour (60, 50.00);
# Emil Fri (30, 35.00); Anna Fri package (30, 0); Anna Fri 12:00 package cancelled.
PARIS = {"salon_id": 1, "appointments": 5, "cancelled": 2, "no_shows": 0, "revenue_cents": 2500 + 6500 + 3000 + 3000,
         "booked_minutes": 30 + 90 + 30 + 30 + 30, "open_minutes": 5 * 780 - 60, "online_share": 0.2,
         "new_clients": 3, "waitlist_offers": 2, "waitlist_accepted": 1}
PARIS["occupancy"] = round(PARIS["booked_minutes"] / PARIS["open_minutes"], 3)
MONTREAL = {"appointments": 4, "cancelled": 1, "no_shows": 0, "revenue_cents": 3500 + 5000 + 3500,
            "booked_minutes": 30 + 60 + 30 + 30, "open_minutes": 5 * 780, "online_share": 0.0, "new_clients": 1,
            "waitlist_offers": 0, "waitlist_accepted": 0}
MONTREAL["occupancy"] = round(MONTREAL["booked_minutes"] / MONTREAL["open_minutes"], 3)


def network_row(*rows):
    total = {k: sum(r[k] for r in rows) for k in rows[0] if k not in ("salon_id", "occupancy", "online_share")}
    total["occupancy"] = round(total["booked_minutes"] / total["open_minutes"], 3)
    total["online_share"] = round(1 / total["appointments"], 3)  # Iris is the only online booking
    total["salon_id"] = None
    return total


def test_summary_counts_every_figure_per_salon_and_for_the_network(scenario):
    montreal = dict(MONTREAL, salon_id=scenario.net.montreal)
    r = scenario.admin.get("/api/reports/summary", **WEEK)
    assert r.status == 200, r
    assert r["from"] == "2027-03-01" and r["to"] == "2027-03-07"
    assert r["salons"] == [PARIS, montreal]
    assert r["network"] == network_row(PARIS, montreal)
    assert r["network"]["online_share"] == 0.111 and r["network"]["occupancy"] == round(360 / 7740, 3)
    one = scenario.admin.get("/api/reports/summary", salon_id=scenario.net.montreal, **WEEK)
    assert one.status == 200 and one["salons"] == [montreal], one
    assert one["network"] == dict(montreal, salon_id=None)


def test_summary_of_a_range_without_anything(scenario):
    r = scenario.admin.get("/api/reports/summary", **{"from": "2027-03-06", "to": "2027-03-07"})  # a weekend
    zero = {"appointments": 0, "cancelled": 0, "no_shows": 0, "revenue_cents": 0, "booked_minutes": 0,
            "open_minutes": 0, "occupancy": 0, "online_share": 0, "new_clients": 0, "waitlist_offers": 0,
            "waitlist_accepted": 0}
    assert r["salons"] == [dict(zero, salon_id=1), dict(zero, salon_id=scenario.net.montreal)]
    assert r["network"] == dict(zero, salon_id=None)


def test_daily_gives_one_row_per_local_date(scenario):
    r = scenario.admin.get("/api/reports/daily", salon_id=1, **WEEK)
    assert r.status == 200, r
    days = r["items"]
    assert [d["date"] for d in days] == [f"2027-03-0{i}" for i in range(1, 8)]
    assert all(d["salon_id"] == 1 for d in days)
    by = {d["date"]: d for d in days}
    assert by["2027-03-01"] == {"date": "2027-03-01", "salon_id": 1, "appointments": 1, "cancelled": 0,
                                     "no_shows": 0, "revenue_cents": 2500, "booked_minutes": 30, "open_minutes": 780,
                                     "occupancy": 0.038, "online_share": 0, "new_clients": 1, "waitlist_offers": 0,
                                     "waitlist_accepted": 0}
    assert (by["2027-03-02"]["appointments"], by["2027-03-02"]["cancelled"], by["2027-03-02"]["revenue_cents"],
            by["2027-03-02"]["booked_minutes"], by["2027-03-02"]["new_clients"]) == (1, 1, 6500, 90, 1)
    wed = by["2027-03-03"]
    assert (wed["open_minutes"], wed["appointments"], wed["online_share"], wed["new_clients"]) == (720, 1, 1.0, 1)
    thu = by["2027-03-04"]  # the freed slot's day: its offers and the acceptance count here
    assert (thu["appointments"], thu["cancelled"], thu["waitlist_offers"], thu["waitlist_accepted"]) == (1, 1, 2, 1)
    assert by["2027-03-05"]["appointments"] == 1 and by["2027-03-05"]["revenue_cents"] == 0  # package, 0.00
    assert by["2027-03-06"]["open_minutes"] == 0 and by["2027-03-07"]["appointments"] == 0
    # Summed over the days, the salon's row of the summary.
    keys = [k for k in PARIS if k not in ("salon_id", "occupancy", "online_share")]
    assert {k: sum(d[k] for d in days) for k in keys} == {k: PARIS[k] for k in keys}


def test_daily_without_salon_sums_the_salons(scenario):
    r = scenario.admin.get("/api/reports/daily", **WEEK)
    assert r.status == 200 and len(r["items"]) == 7
    mon = r["items"][0]
    assert mon["salon_id"] is None
    assert (mon["appointments"], mon["revenue_cents"], mon["booked_minutes"], mon["open_minutes"], mon["new_clients"]) == \
        (2, 6000, 60, 1560, 2)
    assert mon["occupancy"] == round(60 / 1560, 3)
    fri = r["items"][4]
    assert (fri["appointments"], fri["cancelled"], fri["revenue_cents"]) == (3, 1, 3500)


def test_daily_csv_has_the_same_figures(scenario):
    r = scenario.admin.get("/api/reports/daily.csv", salon_id=1, delimiter=";", **WEEK)
    assert r.status == 200 and r.raw.headers["Content-Type"].startswith("text/csv"), r
    assert "attachment" in r.raw.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.text), delimiter=";"))
    assert rows[0] == ["date", "salon_id", "appointments", "cancelled", "no_shows", "revenue_cents", "booked_minutes",
                       "open_minutes", "occupancy", "online_share", "new_clients", "waitlist_offers",
                       "waitlist_accepted"]
    assert len(rows) == 8
    assert rows[1] == ["2027-03-01", "1", "1", "0", "0", "2500", "30", "780", "0.038", "0", "1", "0", "0"]
    assert rows[4][:3] == ["2027-03-04", "1", "1"] and rows[4][-2:] == ["2", "1"]
    comma = scenario.admin.get("/api/reports/daily.csv", **WEEK)
    assert comma.status == 200 and comma.text.splitlines()[1].startswith("2027-03-01,,2,0,0,6000,60,1560,")
    bad = scenario.admin.get("/api/reports/daily.csv", delimiter="|", **WEEK)
    assert bad.status == 422 and bad["error"]["field"] == "delimiter"


def test_package_usage_by_selling_and_using_salon(scenario):
    r = scenario.admin.get("/api/reports/package_usage", **WEEK)
    assert r.status == 200, r
    assert r["items"] == [{"sold_salon_id": 1, "used_salon_id": 1, "sessions": 1},
                          {"sold_salon_id": 1, "used_salon_id": scenario.net.montreal, "sessions": 1}]
    r = scenario.admin.get("/api/reports/package_usage", **{"from": "2027-03-05", "to": "2027-03-05"})
    assert sum(i["sessions"] for i in r["items"]) == 2
    assert scenario.admin.get("/api/reports/package_usage", **{"from": "2027-03-08", "to": "2027-03-31"})["items"] == []


def test_a_manager_sees_their_salon_only(scenario):
    pm = scenario.net.as_staff("pm")
    r = pm.get("/api/reports/summary", **WEEK)
    assert r.status == 200 and r["salons"] == [PARIS] and r["network"] == dict(PARIS, salon_id=None), r
    assert pm.get("/api/reports/summary", salon_id=1, **WEEK).status == 200
    assert pm.get("/api/reports/summary", salon_id=scenario.net.montreal, **WEEK).error_code == "forbidden"
    assert pm.get("/api/reports/daily", salon_id=scenario.net.montreal, **WEEK).status == 403
    d = pm.get("/api/reports/daily", **WEEK)
    assert d.status == 200 and d["items"][0]["appointments"] == 1 and d["items"][0]["open_minutes"] == 780
    assert pm.get("/api/reports/package_usage", **WEEK).status == 403


def test_employees_and_strangers_are_refused(scenario):
    paula = scenario.net.as_staff("paula")
    for path in ("/api/reports/summary", "/api/reports/daily", "/api/reports/daily.csv", "/api/reports/package_usage"):
        r = paula.get(path, **WEEK)
        assert r.status == 403 and r.error_code == "forbidden", (path, r)
        assert scenario.net.server.api().get(path, **WEEK).status == 401


@pytest.mark.parametrize("params,field", [
    ({"to": "2027-03-07"}, "from"),
    ({"from": "2027-03-01"}, "to"),
    ({"from": "2027-3-1", "to": "2027-03-07"}, "from"),
    ({"from": "2027-03-01", "to": "2027-02-30"}, "to"),
    ({"from": "2027-03-07", "to": "2027-03-01"}, "to"),
    ({"from": "2027-01-01", "to": "2028-01-02"}, "to"),  # 367 days
    ({"from": "2027-03-01", "to": "2027-03-07", "salon_id": "999"}, "salon_id"),
    ({"from": "2027-03-01", "to": "2027-03-07", "salon_id": "paris"}, "salon_id"),
])
def test_bad_ranges_and_salons_are_422(scenario, params, field):
    for path in ("/api/reports/summary", "/api/reports/daily", "/api/reports/package_usage"):
        if path.endswith("package_usage") and field == "salon_id":
            continue  # network-wide: no salon_id
        r = scenario.admin.get(path, **params)
        assert r.status == 422 and r.error_code == "validation_failed" and r["error"]["field"] == field, (path, r)
        assert r["error"]["message"]


def test_a_year_is_the_longest_range(scenario):
    r = scenario.admin.get("/api/reports/summary", **{"from": "2027-01-01", "to": "2027-12-31"})
    assert r.status == 200 and r["network"]["appointments"] == 11  # Emil's February visit too
    leap = scenario.admin.get("/api/reports/daily", **{"from": "2028-01-01", "to": "2028-12-31"})
    assert leap.status == 200 and len(leap["items"]) == 366


def test_no_shows_count_in_time_but_not_in_revenue(scenario):
    """A no-show is marked once the visit has started: this day is in the past (2026), and nothing else is on it."""
    net, admin = scenario.net, scenario.admin
    nina = client(admin, "Nina")
    day = "2026-03-02"  # a Monday
    a = net.book(net.paris, paris(day, "10:00"), [line(net.cut, net.paula, 30, 2500)], client_id=nina)
    b = net.book(net.paris, paris(day, "11:00"), [line(net.color, net.paula, 60, 4000)], client_id=nina)
    assert a.status == 201 and b.status == 201, (a, b)
    assert admin.post(f"/api/appointments/{a['id']}/no_show", {"no_show": True}).status == 200
    r = admin.get("/api/reports/summary", salon_id=net.paris, **{"from": day, "to": day})
    assert r.status == 200, r
    assert r["salons"] == [{"salon_id": 1, "appointments": 2, "cancelled": 0, "no_shows": 1, "revenue_cents": 4000,
                            "booked_minutes": 90, "open_minutes": 780, "occupancy": round(90 / 780, 3),
                            "online_share": 0, "new_clients": 1, "waitlist_offers": 0, "waitlist_accepted": 0}]
    d = admin.get("/api/reports/daily", **{"from": day, "to": day})
    assert d["items"][0]["no_shows"] == 1 and d["items"][0]["salon_id"] is None


def test_range_errors_in_french_and_english(scenario):
    params = {"from": "2027-03-07", "to": "2027-03-01"}
    fr = scenario.admin.call("GET", "/api/reports/summary", headers={"Accept-Language": "fr"}, **params)
    en = scenario.admin.call("GET", "/api/reports/summary", headers={"Accept-Language": "en"}, **params)
    assert fr.status == en.status == 422 and fr["error"]["field"] == en["error"]["field"] == "to"
    assert en["error"]["message"] == "'to' is before 'from'" and fr["error"]["message"] != en["error"]["message"]
    long = scenario.admin.call("GET", "/api/reports/daily", headers={"Accept-Language": "fr"},
                               **{"from": "2027-01-01", "to": "2028-06-01"})
    assert long["error"]["message"] == "un rapport couvre au plus 366 jours"
    missing = scenario.admin.call("GET", "/api/reports/daily", headers={"Accept-Language": "en"}, to="2027-01-01")
    assert missing["error"]["message"] == "'from' is required: the first day of the report (YYYY-MM-DD)"
