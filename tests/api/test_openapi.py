"""The OpenAPI document: served without a token, the same as docs/openapi.json, describing exactly the server's
route table (`creneau routes`), with schemas that are valid JSON Schema 2020-12; the readable page at /api/docs.
That real answers match it is checked on every request of the API tests (conftest → openapi_check)."""
import json
import os
import re
import subprocess

import requests
from jsonschema import Draft202012Validator

from openapi_check import DOC_PATH

BIN = os.environ.get("CRENEAU_BIN", "build/src/creneau")
METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


def documented(doc):
    return {(m.upper(), path) for path, item in doc["paths"].items() for m in item if m in METHODS}


def route_table():
    out = subprocess.run([BIN, "routes"], capture_output=True, text=True, timeout=60, check=True).stdout
    routes = {tuple(line.split(" ", 1)) for line in out.splitlines() if line}
    assert len(routes) > 50, out
    return routes


def test_document_is_served_without_a_token_and_is_the_repository_file(server):
    r = requests.get(server.base + "/api/openapi.json", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    with open(DOC_PATH, encoding="utf-8") as f:
        assert r.json() == json.load(f)
    assert r.json()["openapi"].startswith("3.1")


def test_every_route_is_documented_and_nothing_else():
    with open(DOC_PATH, encoding="utf-8") as f:
        doc = json.load(f)
    routes, described = route_table(), documented(doc)
    assert sorted(routes - described) == [], "routes missing from docs/openapi.json"
    assert sorted(described - routes) == [], "documented operations the server does not have"


def access_table():
    out = subprocess.run([BIN, "routes", "--json"], capture_output=True, text=True, timeout=60, check=True).stdout
    return {(r["method"], r["pattern"]): r["access"] for r in json.loads(out)}


def test_each_operation_says_who_may_call_it_as_the_route_table_does():
    with open(DOC_PATH, encoding="utf-8") as f:
        doc = json.load(f)
    table = access_table()
    assert set(table) == route_table()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            where = f"{method.upper()} {path}"
            assert "x-access" in op, f"{where}: no x-access"
            assert op["x-access"] == table[(method.upper(), path)], where
            assert op["x-access"]["level"] in {"public", "client", "employee", "manager", "admin"}, where


def test_each_operation_says_what_it_takes_and_answers():
    with open(DOC_PATH, encoding="utf-8") as f:
        doc = json.load(f)
    Draft202012Validator.check_schema({"$defs": doc["components"]["schemas"]})
    ids = set()
    for path, item in doc["paths"].items():
        captures = set(re.findall(r"\{([^}]+)\}", path))
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            assert op["operationId"] not in ids, where
            ids.add(op["operationId"])
            params = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert params == captures, where
            success = [s for s in op["responses"] if s.startswith("2")]
            assert success, where
            assert "default" in op["responses"], where
            for s in success:
                if s != "204":
                    assert op["responses"][s]["content"], where
            if method in ("post", "patch", "put") and "requestBody" in op:
                schema = op["requestBody"]["content"]["application/json"]["schema"]
                Draft202012Validator.check_schema({**schema, "$defs": doc["components"]["schemas"]})


def test_reference_page_is_bundled_and_served(server):
    r = requests.get(server.base + "/api/docs", timeout=10)
    if r.status_code == 404 and not os.path.isdir(os.path.join(os.path.dirname(DOC_PATH), "..", "web", "dist")):
        return  # a build without the web UI (tools/build.sh builds it): nothing to serve
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html"), r.text[:200]
    assert 'spec-url="/api/openapi.json"' in r.text
    script = re.search(r'<script src="([^"]+)"', r.text).group(1)
    assert not script.startswith("http"), "the page must work without the network"
    js = requests.get(server.base + script, timeout=10)
    assert js.status_code == 200 and len(js.content) > 100_000 and "Redoc" in js.text[:2_000_000]
