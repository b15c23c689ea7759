"""Property-based fuzzing of every route, driven by the server's own OpenAPI document (GET /api/openapi.json):
Hypothesis draws path ids, query parameters and bodies from each operation's schemas (mostly valid, sometimes
mistyped or wild), with the right token, none, or a wrong one. Whatever it sends, the server answers below
500, and every JSON error has the contract's shape {"error": {"code", "message"[, "field"]}}.

Bounded: CRENEAU_FUZZ_EXAMPLES examples per operation (default 20: about 30 s for every route).
CRENEAU_FUZZ_OPENAPI_FILE=path/to/openapi.json drives a server that does not serve the document yet (development
before the Operations branch is merged); without it, such a server skips this file with the reason."""
import os
import re
import string

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import Salon

EXAMPLES = int(os.environ.get("CRENEAU_FUZZ_EXAMPLES", "20"))
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from conftest import Server

    server = Server(str(tmp_path_factory.mktemp("fuzz")))
    try:
        r = requests.get(server.base + "/api/openapi.json", timeout=10)
        override = os.environ.get("CRENEAU_FUZZ_OPENAPI_FILE")
        if r.status_code == 404 and override:
            import json

            with open(override) as f:
                doc = json.load(f)
        elif r.status_code == 404:
            pytest.skip("GET /api/openapi.json is not served by this build (the OpenAPI document comes with the "
                        "Operations work, branch ops): nothing to drive the fuzzing with")
        else:
            assert r.status_code == 200, r.text[:300]
            doc = r.json()
        admin = server.admin()
        salon = Salon(admin)
        reg = server.api().post("/api/portal/register", {"first_name": "Fuzz", "last_name": "Portal",
                                                         "email": "fuzz@example.com", "password": "fuzz-pass-123"})
        assert reg.status == 201, reg
        # Something behind the small ids: two visits, a package type, a member.
        for hhmm in ("10:00", "11:00"):
            salon.book(f"2027-03-01T{hhmm}:00+01:00", [{"service_id": salon.cut, "staff_id": salon.alice}])
        admin.post("/api/package_types", {"name": "Carte 5", "sessions": 5, "service_ids": [salon.cut]})
        admin.post(f"/api/clients/{salon.client}/members", {"member_id": salon.client2, "relation": "enfant"})
        yield {"server": server, "doc": doc, "tokens": {"staffToken": admin.token, "portalToken": reg["token"]}}
    finally:
        server.stop()


def operations():
    """(method, path) of every operation, read from the document the ops branch writes (docs/openapi.json) when
    it is in this checkout, else a placeholder that the world fixture skips."""
    import json

    path = os.environ.get("CRENEAU_FUZZ_OPENAPI_FILE") or \
        os.path.join(os.path.dirname(__file__), "..", "..", "docs", "openapi.json")
    if not os.path.exists(path):
        return [("get", "/api/openapi.json")]
    with open(path) as f:
        doc = json.load(f)
    return [(m, p) for p, ops in doc["paths"].items() for m in ops if m in METHODS]


# ---- JSON Schema → Hypothesis -------------------------------------------------------------------------------

WILD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
NASTY_TEXT = st.sampled_from(["", " ", "%", "_", "\\", "'", "\"", "=1+1", "0", "-1", "9" * 30, "null", "é",
                              "2027-02-29", "2027-03-28T02:30:00", "24:00", "25:61", "\u0000", "a" * 400,
                              "2027-03-01T10:00:00+01:00", "2027-03-01", "09:00", "19:00"])
WILD_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64) | st.floats(allow_nan=False, allow_infinity=False) | WILD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(WILD_TEXT, inner, max_size=4), max_leaves=12)


def resolve(doc, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema or {}


def from_schema(doc, schema, depth=0):
    """Values that mostly fit `schema`, now and then not at all (the server must refuse those cleanly)."""
    schema = resolve(doc, schema)
    fitting = fitting_values(doc, schema, depth)
    return st.one_of(fitting, fitting, fitting, fitting, NASTY_TEXT, WILD_JSON) if depth < 3 else fitting


def fitting_values(doc, schema, depth):
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return st.one_of([from_schema(doc, s, depth + 1) for s in schema[key]])
    if "allOf" in schema:
        merged = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            part = resolve(doc, part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return fitting_values(doc, merged, depth)
    types = schema.get("type", "object" if "properties" in schema else None)
    if isinstance(types, list):
        return st.one_of([fitting_values(doc, dict(schema, type=t), depth) for t in types])
    examples = [st.sampled_from(schema["examples"])] if schema.get("examples") else []
    if types == "null":
        return st.none()
    if types == "boolean":
        return st.booleans()
    if types == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        small = st.integers(low if low is not None else -1, high if high is not None else 12)
        return st.one_of(small, small, st.integers(-2**63, 2**63 - 1))
    if types == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if types == "string":
        if "pattern" in schema:
            examples.append(st.from_regex(schema["pattern"], fullmatch=True).map(lambda s: s[:64]))
        return st.one_of(*examples, NASTY_TEXT, WILD_TEXT)
    if types == "array":
        items = from_schema(doc, schema.get("items", {}), depth + 1)
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=min(schema.get("maxItems", 4), 4))
    if types == "object" or types is None:
        props = schema.get("properties", {})
        if not props:
            return st.dictionaries(WILD_TEXT, WILD_JSON, max_size=3) if depth < 3 else st.just({})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: from_schema(doc, v, depth + 1) for k, v in props.items() if k in required},
            optional={k: from_schema(doc, v, depth + 1) for k, v in props.items() if k not in required})
    return WILD_JSON


def param_values(doc, param):
    schema = resolve(doc, param.get("schema", {}))
    if param["in"] == "path":
        # Small ids find records; 1 is the admin (deleting it would end the run's session), so mostly 2..9.
        if schema.get("type") == "integer":
            return st.one_of(st.integers(2, 9), st.integers(2, 9), st.sampled_from(["0", "-1", "abc", "1e3",
                                                                                    str(2**63), "%2F", "%00"]))
        return st.one_of(st.text(string.ascii_letters + string.digits, min_size=1, max_size=70),
                         st.sampled_from(["%2e%2e", "%00", "a" * 300]))
    return fitting_values(doc, schema, 2).map(str) | NASTY_TEXT


# ---- the property -------------------------------------------------------------------------------------------

def check_answer(method, path, r):
    assert r.status_code < 500, f"{method.upper()} {path} → {r.status_code}: {r.text[:500]}"
    if r.status_code >= 400 and r.headers.get("Content-Type", "").startswith("application/json"):
        body = r.json()
        assert isinstance(body, dict) and set(body) == {"error"}, f"{method.upper()} {path}: {r.text[:300]}"
        err = body["error"]
        assert isinstance(err.get("code"), str) and err["code"], err
        assert isinstance(err.get("message"), str) and err["message"], err
        assert set(err) <= {"code", "message", "field"}, err
        assert isinstance(err.get("field", ""), str), err


@pytest.mark.parametrize("method,path", operations())
def test_no_request_breaks_the_contract(world, method, path):
    doc, server, tokens = world["doc"], world["server"], world["tokens"]
    op = doc["paths"].get(path, {}).get(method)
    if op is None:
        pytest.skip(f"{method.upper()} {path} is not in the served document")
    params = op.get("parameters", []) + doc["paths"][path].get("parameters", [])
    schemes = [name for req in (op.get("security") or []) for name in req]
    body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    http = requests.Session()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data):
        url = path
        query = {}
        for p in params:
            if p["in"] == "path":
                value = data.draw(param_values(doc, p), label=p["name"])
                url = url.replace("{" + p["name"] + "}", requests.utils.quote(str(value), safe="%"))
            elif p["in"] == "query" and data.draw(st.booleans(), label="with " + p["name"]):
                query[p["name"]] = data.draw(param_values(doc, p), label=p["name"])
        headers = {}
        # Mostly the right token; sometimes none, or a made-up one. Log-outs never get a live token.
        auth = data.draw(st.sampled_from(["right", "right", "right", "none", "bogus"]), label="auth")
        if "logout" in path and auth == "right":
            auth = "bogus"
        if auth == "right" and schemes:
            headers["Authorization"] = "Bearer " + tokens[schemes[0]]
        elif auth == "bogus":
            headers["Authorization"] = data.draw(st.sampled_from(["Bearer " + "0" * 64, "Bearer", "Basic eA==",
                                                                  "Bearer " + "x" * 2000]), label="bogus")
        kwargs = {}
        if body_schema is not None or method in ("post", "patch"):
            body = data.draw(from_schema(doc, body_schema or {}), label="body")
            kwargs["json"] = body
        r = http.request(method.upper(), server.base + url, params=query, headers=headers, timeout=30, **kwargs)
        check_answer(method, url, r)

    run()
    assert server.proc.poll() is None, "the server died"
