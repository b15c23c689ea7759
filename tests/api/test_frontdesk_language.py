"""French throughout: API error messages follow Accept-Language (fr or en), else the salon's language
(settings.language, fr by default); messages and calendar files follow the salon's language. The `code` and the
`field` of an error never change."""
import pytest

from conftest import MONDAY, at

NO_HEADER = {"Accept-Language": None}


def error_of(r):
    assert r.json and "error" in r.json, r
    return r.json["error"]


def test_default_is_french_and_accept_language_wins(server, admin):
    api = server.api()
    bad = {"email": "admin@test.local", "password": "wrong-password"}
    fr = error_of(api.post("/api/auth/login", bad, headers=NO_HEADER))
    assert fr == {"code": "bad_credentials", "message": "e-mail ou mot de passe incorrect"}, fr
    en = error_of(api.post("/api/auth/login", bad, headers={"Accept-Language": "en"}))
    assert en == {"code": "bad_credentials", "message": "wrong e-mail or password"}, en
    for header, expected in (("fr-FR,fr;q=0.9,en;q=0.8", "fr"), ("en-GB,en;q=0.9,fr;q=0.8", "en"),
                             ("de-DE, en;q=0.5", "en"), ("fr;q=0.3, en;q=0.7", "en"), ("de, it", "fr")):
        msg = error_of(api.post("/api/auth/login", bad, headers={"Accept-Language": header}))["message"]
        assert msg == (fr["message"] if expected == "fr" else en["message"]), (header, msg)


def test_messages_of_every_kind_of_error_in_french(server, salon):
    admin = salon.admin
    french = dict(headers=NO_HEADER)
    r = server.api().get("/api/clients", **french)
    assert (r.status, error_of(r)["message"]) == (401, "connectez-vous d'abord : cette route demande un jeton")
    r = server.api(server.api().post("/api/auth/login", {"email": "alice@salon.test",
                                                          "password": "employee-pass-1"})["token"]).get("/api/settings", **french)
    assert (r.status, error_of(r)["code"]) == (403, "forbidden")
    assert error_of(r)["message"] == "cette route est réservée aux administrateurs"
    r = admin.get("/api/appointments/999999", **french)
    assert error_of(r) == {"code": "not_found", "message": "rendez-vous introuvable"}
    r = admin.get("/api/nowhere", **french)
    assert error_of(r)["message"] == "route inconnue : GET /api/nowhere"
    r = admin.patch("/api/settings", {"booking": {"slot_step_minutes": 1}}, **french)
    assert error_of(r) == {"code": "validation_failed", "field": "booking.slot_step_minutes",
                           "message": "'booking.slot_step_minutes' doit être entre 5 et 240"}, r
    first = admin.post("/api/appointments", {"client_id": salon.client, "start": at(MONDAY, "10:00"),
                                             "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]}, **french)
    assert first.status == 201, first
    r = admin.post("/api/appointments", {"client_id": salon.client2, "start": at(MONDAY, "10:00"),
                                         "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]}, **french)
    assert error_of(r) == {"code": "slot_taken", "field": "lines[0]",
                           "message": "le membre du personnel n'est pas libre pour la ligne 1"}, r
    r = admin.post("/api/appointments", {"client_id": salon.client2, "start": at(MONDAY, "13:00"),
                                         "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]}, **french)
    assert error_of(r) == {"code": "outside_hours", "field": "lines[0].start",
                           "message": "la ligne 1 tombe en dehors des horaires du membre du personnel"}, r
    r = admin.post("/api/clients", {"first_name": "X", "last_name": "Y", "email": "pas-une-adresse"}, **french)
    assert error_of(r) == {"code": "validation_failed", "field": "email",
                           "message": "ce n'est pas une adresse e-mail valide"}, r
    r = server.api().post("/api/portal/login", {"identifier": "personne@example.com", "password": "x" * 10}, **french)
    assert error_of(r)["code"] == "unknown_identifier"
    assert error_of(r)["message"] == "aucun compte n'utilise cette adresse e-mail : essayez plutôt votre numéro de mobile"
    r = admin.call("POST", "/api/clients", raw="{not json", headers={**NO_HEADER, "Content-Type": "application/json"})
    assert error_of(r) == {"code": "validation_failed", "message": "le corps de la requête n'est pas du JSON valide"}, r


def test_the_salon_language_decides_without_a_header(server, salon):
    admin = salon.admin
    assert admin.get("/api/settings")["language"] == "fr"
    r = admin.patch("/api/settings", {"language": "de"})
    assert r.status == 422 and error_of(r)["field"] == "language", r
    r = admin.patch("/api/settings", {"language": "en"})
    assert r.status == 200 and r["language"] == "en", r
    assert server.api().get("/api/portal/salon")["language"] == "en"
    r = admin.get("/api/appointments/999999", headers=NO_HEADER)
    assert error_of(r)["message"] == "appointment not found"
    r = admin.get("/api/appointments/999999", headers={"Accept-Language": "fr"})
    assert error_of(r)["message"] == "rendez-vous introuvable"
    # The messages the salon sends are in its language too.
    a = admin.post("/api/appointments", {"client_id": salon.client, "start": at(MONDAY, "10:00"),
                                         "lines": [{"service_id": salon.cut, "staff_id": salon.alice}]})
    assert a.status == 201, a
    [m] = admin.get("/api/outbox", appointment_id=a["id"])["items"]
    assert m["subject"] == "Appointment confirmed on Monday 1 March 2027 at 10:00", m
    assert m["body"].startswith("Hello Hélène,\n\nYour appointment is confirmed on Monday 1 March 2027 at 10:00:")
    assert "Cut" not in m["body"] and "Coupe with Alice Coiffe (30 min)" in m["body"] and "See you soon," in m["body"]
    assert admin.patch(f"/api/appointments/{a['id']}", {"start": at(MONDAY, "11:00")}).status == 200
    moved = [x for x in admin.get("/api/outbox", kind="rescheduled", appointment_id=a["id"])["items"] if x["client_id"]]
    assert moved[0]["subject"] == "Appointment moved to Monday 1 March 2027 at 11:00", moved
    admin.post(f"/api/appointments/{a['id']}/cancel", {"reason": "ill"})
    [c] = [x for x in admin.get("/api/outbox", kind="cancellation", appointment_id=a["id"])["items"] if x["client_id"]]
    assert c["subject"] == "Appointment cancelled: Monday 1 March 2027 at 11:00" and "Reason: ill" in c["body"], c
