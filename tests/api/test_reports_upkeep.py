"""Reports stay right after every kind of change: the first visit of a client (new_clients) and the minutes and
revenue of an appointment's lines are kept on the rows by the database (migration 009), so each write path must
move them: booking, cancelling, moving, editing the lines, deleting, merging two clients, erasing a client.
Paris only (Europe/Paris, winter time), the week of Monday 2027-03-01; Paula works 09:00-18:00 on weekdays."""
import pytest

from conftest import Server
from network import Network

WEEK = {"from": "2027-03-01", "to": "2027-03-07"}


def paris(day, hhmm):
    return f"{day}T{hhmm}:00+01:00"


@pytest.fixture
def net(tmp_path):
    server = Server(str(tmp_path))
    try:
        yield Network(server)
    finally:
        server.stop()


def client(net, first):
    r = net.admin.post("/api/clients", {"first_name": first, "last_name": "Suivi", "email": f"{first.lower()}@example.com"})
    assert r.status == 201, r
    return r["id"]


def book(net, day, hhmm, who, price=2500, minutes=30):
    r = net.book(net.paris, paris(day, hhmm), [{"service_id": net.cut, "staff_id": net.paula,
                                                "duration_minutes": minutes, "price_cents": price}],
                 client_id=who, confirmation="silent")
    assert r.status == 201, r
    return r["id"]


def daily(net):
    r = net.admin.get("/api/reports/daily", salon_id=net.paris, **WEEK)
    assert r.status == 200, r
    return {d["date"]: d for d in r["items"]}


def new_by_day(net):
    return {day: row["new_clients"] for day, row in daily(net).items() if row["new_clients"]}


def test_a_cancelled_first_visit_hands_newness_to_the_next(net):
    fay = client(net, "Fay")
    monday = book(net, "2027-03-01", "10:00", fay)
    book(net, "2027-03-03", "10:00", fay)
    assert new_by_day(net) == {"2027-03-01": 1}
    assert net.admin.post(f"/api/appointments/{monday}/cancel", {}).status == 200
    assert new_by_day(net) == {"2027-03-03": 1}


def test_moving_a_later_visit_earlier_makes_it_the_first(net):
    fay = client(net, "Fay")
    book(net, "2027-03-02", "10:00", fay)
    thursday = book(net, "2027-03-04", "10:00", fay)
    moved = net.admin.patch(f"/api/appointments/{thursday}", {"start": paris("2027-03-01", "11:00")})
    assert moved.status == 200, moved
    assert new_by_day(net) == {"2027-03-01": 1}


def test_deleting_the_first_visit_and_an_earlier_visit_before_the_range(net):
    fay, gus = client(net, "Fay"), client(net, "Gus")
    first = book(net, "2027-03-01", "10:00", fay)
    book(net, "2027-03-05", "10:00", fay)
    book(net, "2027-03-02", "10:00", gus)
    assert new_by_day(net) == {"2027-03-01": 1, "2027-03-02": 1}
    assert net.admin.delete(f"/api/appointments/{first}").status == 204
    # Gus came in February: his March visit is not his first any more.
    book(net, "2027-02-22", "10:00", gus)
    assert new_by_day(net) == {"2027-03-05": 1}


def test_merging_two_clients_keeps_the_earliest_visit_of_both(net):
    fay, gus = client(net, "Fay"), client(net, "Gus")
    book(net, "2027-03-03", "10:00", fay)
    book(net, "2027-03-02", "10:00", gus)
    assert new_by_day(net) == {"2027-03-02": 1, "2027-03-03": 1}
    merged = net.admin.post(f"/api/clients/{fay}/merge", {"from_id": gus})
    assert merged.status == 200, merged
    assert new_by_day(net) == {"2027-03-02": 1}


def test_erasing_a_client_cancels_their_future_visits_and_their_newness(net):
    fay, gus = client(net, "Fay"), client(net, "Gus")
    book(net, "2027-03-01", "10:00", fay)
    book(net, "2027-03-01", "11:00", gus)
    assert net.admin.post(f"/api/clients/{gus}/erase", {}).status == 204
    assert new_by_day(net) == {"2027-03-01": 1}


def test_editing_the_lines_moves_minutes_and_revenue(net):
    fay = client(net, "Fay")
    visit = book(net, "2027-03-01", "10:00", fay, price=2500, minutes=30)
    edited = net.admin.patch(f"/api/appointments/{visit}", {"lines": [
        {"service_id": net.cut, "staff_id": net.paula, "duration_minutes": 45, "price_cents": 4000},
        {"service_id": net.color, "staff_id": net.paula, "duration_minutes": 60, "price_cents": 5000}]})
    assert edited.status == 200, edited
    monday = daily(net)["2027-03-01"]
    assert (monday["booked_minutes"], monday["revenue_cents"]) == (105, 9000)
    shorter = net.admin.patch(f"/api/appointments/{visit}", {"lines": [
        {"service_id": net.cut, "staff_id": net.paula, "duration_minutes": 30, "price_cents": 1500}]})
    assert shorter.status == 200, shorter
    monday = daily(net)["2027-03-01"]
    assert (monday["booked_minutes"], monday["revenue_cents"], monday["new_clients"]) == (30, 1500, 1)

