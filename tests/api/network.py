"""A network of two salons in different time zones, for the tests of salon networks (tests/api/test_network_*).

Paris (Europe/Paris, salon 1, the database's first salon) and Montréal (America/Toronto); one catalogue; a
stylist who works at both (Nora: Paris 15:00-19:00, Montréal 09:00-13:00 local time, weekdays: rows that do not
overlap as local times, yet are the same hours of real time, 14:00-18:00 UTC in March), one employee and one manager
per salon, one room per salon."""
MONDAY = "2027-03-01"
HOURS = [{"weekday": d, "start": "09:00", "end": "19:00"} for d in range(1, 7)]


def login(server, email, password):
    r = server.api().post("/api/auth/login", {"email": email, "password": password})
    assert r.status == 200, r
    return server.api(r["token"])


def grid(first, last, step=15):
    """The local starts 'HH:MM' from `first` to `last`, both included, every `step` minutes."""
    lo, hi = (int(t[:2]) * 60 + int(t[3:]) for t in (first, last))
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(lo, hi + 1, step)]


def day_availability(api, salon, service, day=MONDAY, portal=False, **params):
    """One day's availability at `salon` for `service`, from the staff route or the portal's."""
    path = "/api/portal/availability" if portal else "/api/availability"
    return api.get(path, salon_id=salon, service_ids=service, **{"from": day, "to": day}, **params)


class Network:
    def __init__(self, server):
        self.server = server
        self.admin = admin = server.admin()
        assert admin.patch("/api/settings", {"name": "Paris Centre", "timezone": "Europe/Paris", "opening_hours": HOURS,
                                             "booking": {"max_advance_days": 3650}}).status == 200
        assert admin.patch("/api/salons/1", {"slug": "paris", "address": "1 rue de Rivoli", "postal_code": "75001",
                                             "city": "Paris"}).status == 200
        self.paris = 1
        r = admin.post("/api/salons", {"name": "Montréal Plateau", "slug": "montreal", "address": "10 av. du Mont-Royal",
                                       "postal_code": "H2T 1N4", "city": "Montréal", "phone": "+1 514 555 0101",
                                       "email": "plateau@example.com", "timezone": "America/Toronto"})
        assert r.status == 201, r
        self.montreal = r["id"]
        assert admin.patch("/api/settings", {"opening_hours": HOURS, "booking": {"max_advance_days": 3650}},
                           salon_id=self.montreal).status == 200
        self.cut = self.service("Coupe", 30)
        self.color = self.service("Couleur", 60)
        self.paris_room = admin.post("/api/resources", {"name": "Cabine Paris", "salon_id": self.paris})["id"]
        self.montreal_room = admin.post("/api/resources", {"name": "Cabine Montréal", "salon_id": self.montreal})["id"]
        self.facial = self.service("Soin", 45, resource_ids=[self.paris_room, self.montreal_room])
        weekdays = range(1, 6)
        self.nora = self.staff("nora", [self.paris, self.montreal],
                               [{"weekday": d, "start": "15:00", "end": "19:00", "salon_id": self.paris} for d in weekdays] +
                               [{"weekday": d, "start": "09:00", "end": "13:00", "salon_id": self.montreal} for d in weekdays])
        self.paula = self.staff("paula", [self.paris],
                                [{"weekday": d, "start": "09:00", "end": "18:00"} for d in weekdays])
        self.marc = self.staff("marc", [self.montreal],
                               [{"weekday": d, "start": "09:00", "end": "18:00"} for d in weekdays])
        self.paris_manager = self.staff("pm", [self.paris], [], role="manager")
        self.montreal_manager = self.staff("mm", [self.montreal], [], role="manager")
        self.client = admin.post("/api/clients", {"first_name": "Hélène", "last_name": "Dupont",
                                                  "email": "helene@example.com"})["id"]

    def service(self, name, minutes, **extra):
        r = self.admin.post("/api/services", {"name": name, "duration_minutes": minutes, "price_cents": 3000, **extra})
        assert r.status == 201, r
        return r["id"]

    def staff(self, name, salon_ids, hours, role="employee"):
        r = self.admin.post("/api/staff", {"first_name": name.capitalize(), "email": f"{name}@net.test", "role": role,
                                           "password": "staff-pass-123", "salon_ids": salon_ids, "hours": hours,
                                           "service_ids": [self.cut, self.color, self.facial]})
        assert r.status == 201, r
        return r["id"]

    def as_staff(self, name):
        return login(self.server, f"{name}@net.test", "staff-pass-123")

    def book(self, salon_id, start, lines, api=None, **extra):
        body = {"salon_id": salon_id, "client_id": self.client, "start": start, "lines": lines, **extra}
        return (api or self.admin).post("/api/appointments", body)
