"""No body can crash the server: nesting deeper than 64 levels is refused (422 validation_failed) when the
body is parsed, on every route that reads one; the server keeps answering."""
import pytest

DEEP = 100_000


def nested(depth, leaf="1"):
    return "[" * depth + leaf + "]" * depth


def deep_object(depth):
    return '{"a":' * depth + "1" + "}" * depth


def assert_refused(r):
    assert r.status == 422, r
    assert r.json["error"]["code"] == "validation_failed", r
    assert "deeper" in r.json["error"]["message"], r


def test_deep_settings_patch_is_refused_and_the_salon_keeps_running(server, admin):
    body = '{"name":' + deep_object(50_000) + "}"
    assert_refused(admin.call("PATCH", "/api/settings", raw=body, headers={"Content-Type": "application/json"}))
    assert server.api().get("/healthz").status == 200
    assert admin.get("/api/settings").status == 200


def test_deep_questionnaire_is_refused(server, admin):
    body = '{"name":"Coupe","duration_minutes":30,"questionnaire":[{"key":' + nested(DEEP) + ',"question":"q"}]}'
    assert_refused(admin.call("POST", "/api/services", raw=body, headers={"Content-Type": "application/json"}))
    assert server.api().get("/healthz").status == 200


@pytest.mark.parametrize("method,path", [
    ("POST", "/api/clients"), ("POST", "/api/appointments"), ("POST", "/api/auth/login"),
    ("POST", "/api/portal/login"), ("POST", "/api/portal/register"), ("PATCH", "/api/staff/1"),
    ("POST", "/api/jobs/run"),
])
def test_every_body_reader_refuses_depth(server, admin, method, path):
    assert_refused(admin.call(method, path, raw='{"x":' + nested(DEEP) + "}",
                              headers={"Content-Type": "application/json"}))


def test_64_levels_are_parsed(server, admin):
    # 64 levels is within the bound: the request is read and refused for what it says, not for its depth.
    r = admin.call("POST", "/api/clients", raw='{"first_name":' + nested(63) + "}",
                   headers={"Content-Type": "application/json"})
    assert r.status == 422 and "deeper" not in r.json["error"]["message"], r
    r = admin.call("POST", "/api/clients", raw='{"first_name":' + nested(64) + "}",
                   headers={"Content-Type": "application/json"})
    assert_refused(r)
