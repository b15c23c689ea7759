"""Checks every JSON answer the API tests receive against docs/openapi.json: the response schema of the
operation (method + path template) for that status, else its `default`. Used by conftest's Api client.

A route the document does not describe is left alone here (test_openapi.py reports it); set
CRENEAU_OPENAPI_CHECK=0 to switch the check off.
"""
import json
import os
import re

DOC_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "openapi.json")
_state = {}


def _load():
    if "ops" in _state:
        return _state
    from jsonschema import Draft202012Validator

    with open(DOC_PATH, encoding="utf-8") as f:
        doc = json.load(f)
    ops = []
    for template, item in doc["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
        for method, op in item.items():
            ops.append((method.upper(), pattern, template.count("{"), op))
    ops.sort(key=lambda o: o[2])  # literal segments win over captures (/api/clients/export.csv)
    _state.update(doc=doc, ops=ops, validator=Draft202012Validator)
    return _state


def _schema_for(doc, op, status, content_type):
    responses = op.get("responses", {})
    response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    if response is None:
        return None, f"status {status} is not documented"
    content = response.get("content")
    if not content:
        return None, None
    # A documented media type may carry parameters ("text/plain; version=0.0.4"): its type is what is compared.
    media = (content.get(content_type)
             or next((m for t, m in content.items() if t.split(";")[0].strip() == content_type), None)
             or content.get("application/json"))
    if media is None:
        return None, f"content type {content_type} is not documented for status {status}"
    # $refs point into the document: validate against a copy that carries the components.
    return {**media["schema"], "components": doc["components"]}, None


def check(method, path, status, content_type, body):
    """Returns a description of what does not match, or None."""
    if os.environ.get("CRENEAU_OPENAPI_CHECK", "1") == "0":
        return None
    st = _load()
    path = path.split("?", 1)[0]
    op = next((o for m, p, _, o in st["ops"] if m == method.upper() and p.match(path)), None)
    if op is None:
        return None
    ctype = (content_type or "").split(";")[0].strip()
    schema, problem = _schema_for(st["doc"], op, status, ctype)
    if problem:
        return f"{method} {path} → {problem}"
    if schema is None or ctype != "application/json" or body is None:
        return None
    errors = sorted(st["validator"](schema).iter_errors(body), key=lambda e: list(e.path))
    if not errors:
        return None
    e = errors[0]
    where = "/".join(str(p) for p in e.absolute_path)
    return f"{method} {path} → {status}: answer does not match the OpenAPI schema at /{where}: {e.message[:300]}"
