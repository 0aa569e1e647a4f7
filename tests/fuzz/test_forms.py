"""Fuzz every route of the site with hostile form data, query strings and URL parts.

For every named route (found by iterating the URL resolver; paths and forms found by crawling the demo
data, see crawl.py) hypothesis posts random and hostile values, as staff of the object's organisation
(an ambtenaar; a beheerder for the organisation pages) and as an anonymous visitor. For each request:

- never a 500;
- nothing half-stored: when the request is refused (4xx, or the form comes back with its error summary)
  no row of any participatiemix model was added, changed in number or removed;
- the page the form sits on still renders afterwards;
- after hostile input was accepted, the exports of that app (plan, zelfscan report, workshop report) still
  open (DOCX is a valid zip; Markdown is text).

A case that finds a 500 in an app this suite does not own is listed in KNOWN_FAILURES (strict xfail with the
exact input), so it turns red on the day it is fixed.
"""

from __future__ import annotations

import io
import os
import zipfile
from http.cookies import SimpleCookie
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.crawl import Form, all_route_names, default_value, route_name
from tests.fuzz.strategies import HOSTILE_FILES, encode, hostile_for, ids, texts

EXAMPLES = int(os.environ.get("PMX_FUZZ_EXAMPLES", "5"))  # per route and test; raise it for a deeper run
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("PMX_FUZZ_RANDOM") is None,  # CI: the same examples every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    # No shrinking: the first failing input is reported as it was sent (and a red run stays fast).
    phases=(Phase.explicit, Phase.generate),
)
EXPORT_CHECKS_PER_ROUTE = 2  # a zelfscan report over the demo's 368 responses takes a second
APP_LABELS = ("catalogue", "organisations", "plans", "scan", "workshop", "auth")
ROUTES = sorted(all_route_names())
# Field names tried on a route whose form the crawler did not see (a form that appears only in some state).
GENERIC_FIELDS = ("title", "text", "name", "code", "label", "note", "days", "count", "minutes", "action", "role")
EXPORTS = {
    "plans": ("plans:download", ("md", "docx")),
    "scan": ("scan:report", ("md", "docx")),
    "workshop": ("workshop:export", ("md", "docx")),
}
# Routes the crawler cannot reach from the demo data, with why (their tests say so, they are not skipped quietly).
UNREACHED = {
    "scan:thanks": "only after a complete questionnaire",
    "surveys:thanks": "only after a complete survey response",
    "surveys:own": "only from Mijn inbreng after a complete survey response",
    "processes:mine_withdraw": "only from Mijn inbreng after a complete survey response",
    "processes:report_start": "a POST-only button (tests/processes/test_report_views.py)",
    "processes:report_job": "only while a report takes longer than a second",
    "processes:report_download": "only after a background report is made",
    "meetings:cancel": "only for a resident registered for a meeting",
    "meetings:cancel_token": "only from the signed link in a confirmation e-mail",
    "account_confirm_email": "only from the signed link in a confirmation e-mail",
    "account_email_verification_sent": "only right after signing up",
    "account_inactive": "only for a deactivated account",
    "account_logout": "only for a logged-in resident (the crawl's residents are anonymous)",
    "account_set_password": "only for an account without a password",
    "account_reset_password_done": "only after asking for a reset e-mail",
    "account_reset_password_from_key": "only from the signed link in a reset e-mail",
    "account_reset_password_from_key_done": "only after setting a new password from a reset e-mail",
}
# 500s this suite found in apps it does not own: (test, route) -> (reason, only on PostgreSQL).
# Strict xfail: the case turns red on the day it is fixed, so the entry is removed then.
# Found and fixed so far: a NUL byte in a <str:> code or token reached PostgreSQL (DataError -> 500) on
# scan:respond, scan:round_codes, workshop:projector_live and workshop:projector_timer (site middleware now
# answers 400 first).
KNOWN_FAILURES: dict[tuple[str, str], tuple[str, bool]] = {}
ON_POSTGRES = connection.vendor == "postgresql"


def _params(routes, test: str):
    params = []
    for route in routes:
        reason, postgres_only = KNOWN_FAILURES.get((test, route), (None, False))
        if reason and (ON_POSTGRES or not postgres_only):
            params.append(pytest.param(route, marks=pytest.mark.xfail(strict=True, reason=reason)))
        else:
            params.append(route)
    return params


# --------------------------------------------------------------------------- helpers


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in APP_LABELS and not m._meta.proxy
    }


# Multi-row writes, checked part by part after every request: (model, lookup that finds a half-stored row, why).
PARTS = [
    ("plans.Plan", {"origin": "import", "versions__isnull": True}, "een geïmporteerd plan zonder versie"),
    ("plans.Plan", {"latest_version__isnull": False, "versions__isnull": True}, "een plan zonder zijn versie"),
    ("scan.ScanRound", {"groups__isnull": True}, "een zelfscanronde zonder groep"),
    ("scan.Response", {"answers__isnull": True, "open_answers__isnull": True}, "een antwoordset zonder antwoorden"),
    ("workshop.Workshop", {"questions__isnull": True}, "een werksessie zonder vragen"),
]


def half_stored() -> list[str]:
    return [why for label, lookup, why in PARTS if apps.get_model(label)._default_manager.filter(**lookup).exists()]


def staff_persona(route: str) -> str:
    return "beheerder" if route.startswith("organisations:") else "ambtenaar"


def concrete_path(world, route: str) -> str | None:
    found = world.site.routes.get(route)
    return found.paths[0] if found and found.paths else None


def client_for(world, persona: str):
    """A fresh client with the persona's session: a fuzzed logout or login must not leak into the next case."""
    client = Client(raise_request_exception=False)
    client.cookies = SimpleCookie(world.clients[persona].cookies.output(header="", sep=";"))
    return client


def refused(response) -> bool:
    if response.status_code >= 400:
        return True
    if response.status_code == 302 and "/inloggen/" in response["Location"]:
        return True
    return response.status_code == 200 and b"pmx-error-summary" in response.content


def urlencoded(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return "&".join(f"{quote_from_bytes(k)}={quote_from_bytes(v)}" for k, v in pairs).encode("ascii")


def post(client, path: str, pairs: list[tuple[bytes, bytes]], files: dict[str, bytes]):
    if files:
        data: dict = {}
        for key, value in pairs:
            data.setdefault(key.decode("utf-8", "replace"), []).append(value)
        for name, content in files.items():
            data[name] = SimpleUploadedFile("casus.yaml", content, content_type="application/x-yaml")
        return client.post(path, data)
    return client.post(path, urlencoded(pairs), content_type="application/x-www-form-urlencoded")


@st.composite
def form_payload(draw, forms: list[Form]):
    """(pairs, files): each field gets its plausible value, a hostile one, or is left out; sometimes twice."""
    if not forms:
        names = draw(st.lists(st.sampled_from(GENERIC_FIELDS), max_size=4, unique=True))
        return [(n.encode(), draw(texts)) for n in names], {}
    form = draw(st.sampled_from(forms))
    pairs: list[tuple[bytes, bytes]] = []
    files: dict[str, bytes] = {}
    for name, field in form.fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if field.kind == "file":
            files[name] = draw(st.sampled_from(HOSTILE_FILES) | st.binary(max_size=500))
            continue
        how = draw(st.sampled_from(("plausible", "plausible", "hostile", "hostile", "hostile", "leave out")))
        if how == "leave out":
            continue
        options = [v for v in field.values if v]
        value = encode(draw(st.sampled_from(options))) if how == "plausible" and options else None
        if value is None:
            value = encode(default_value(field)) if how == "plausible" else draw(hostile_for(field.kind))
        pairs.append((name.encode(), value))
        if draw(st.integers(0, 9)) == 0:  # the same field twice
            pairs.append((name.encode(), draw(hostile_for(field.kind))))
    if draw(st.integers(0, 4)) == 0:  # a field the form does not have
        pairs.append((draw(texts)[:40] or b"x", draw(texts)))
    return pairs, files


def check_exports(world, route: str) -> list[str]:
    """The exports of the route's app still open; returns problems."""
    app = route.split(":")[0]
    if app not in EXPORTS:
        return []
    export_route, formats = EXPORTS[app]
    problems = []
    found = world.site.routes.get(export_route)
    for path in found.paths if found else []:
        if not any(path.split("?")[0].endswith((f"/{fmt}/", f".{fmt}")) for fmt in formats):
            continue
        response = client_for(world, staff_persona(route)).get(path)
        if response.status_code == 404:
            continue  # the object itself was deleted (a round, a workshop)
        if response.status_code != 200:
            problems.append(f"GET {path}: {response.status_code}")
        elif path.split("?")[0].rstrip("/").endswith("docx"):
            content = b"".join(response) if response.streaming else response.content
            with zipfile.ZipFile(io.BytesIO(content)) as docx:
                if docx.testzip() is not None or "word/document.xml" not in docx.namelist():
                    problems.append(f"GET {path}: geen geldig DOCX-bestand")
    return problems


def describe(path: str, pairs, files) -> str:
    shown = [(k[:40], v[:80]) for k, v in pairs]
    return f"POST {path} {shown!r} files={ {k: v[:40] for k, v in files.items()}!r}"


# --------------------------------------------------------------------------- the tests


def test_the_demo_has_nothing_half_stored(world, db):
    """The parts check starts from a clean state, and finds a half-stored row when there is one."""
    assert half_stored() == []
    with transaction.atomic():
        apps.get_model("workshop.Question")._default_manager.all().delete()
        assert "een werksessie zonder vragen" in half_stored()
        transaction.set_rollback(True)


def test_every_route_has_a_path_to_fuzz(world, db):
    """The crawler reaches every route but those listed with a reason; a new unreached route fails here."""
    unreached = {r for r in ROUTES if concrete_path(world, r) is None}
    assert sorted(unreached - set(UNREACHED)) == [], "geen pagina van de demo leidt hierheen; voeg een stap toe"
    with_forms = sorted(world.site.forms)
    assert {"plans:step", "plans:import", "scan:round_create", "workshop:create", "site:login"} <= set(with_forms)


@pytest.mark.parametrize("route", _params(ROUTES, "form_data"))
def test_hostile_form_data_never_500_and_never_half_stored(world, db, route):
    path = concrete_path(world, route)
    if path is None:
        pytest.xfail(f"{route}: {UNREACHED.get(route, 'no page of the demo data leads here')}")
    forms = world.site.forms.get(route, [])
    post_path = urlsplit(forms[0].action).path if forms else path.split("?")[0]
    page = urlsplit(forms[0].page).path if forms else path.split("?")[0]

    export_checks = []

    @FUZZ
    @given(payload=form_payload(forms), who=st.sampled_from((staff_persona(route), "anonymous")))
    def run(payload, who):
        pairs, files = payload
        client = client_for(world, who)
        with transaction.atomic():
            cache.clear()  # rate limits would stop the fuzzing, not the bug
            before = row_counts()
            response = post(client, post_path, pairs, files)
            what = describe(post_path, pairs, files)
            assert response.status_code != 500, f"500 bij {what} als {who}"
            if refused(response):
                assert row_counts() == before, f"half opgeslagen na weigering ({response.status_code}): {what}"
            elif len(export_checks) < EXPORT_CHECKS_PER_ROUTE and (
                row_counts() != before or response.status_code in (301, 302, 303)
            ):
                export_checks.append(what)
                problems = check_exports(world, route)
                assert problems == [], f"export na {what}: {problems}"
            assert half_stored() == [], f"half opgeslagen: {half_stored()} na {what}"
            again = client.get(page)
            assert again.status_code != 500, f"{page} geeft 500 na {what} als {who}"
            transaction.set_rollback(True)

    run()


@pytest.mark.parametrize("route", _params(ROUTES, "query"))
def test_hostile_query_strings_never_500(world, db, route):
    path = concrete_path(world, route)
    if path is None:
        pytest.xfail(f"{route}: {UNREACHED.get(route, 'no page of the demo data leads here')}")
    base = path.split("?")[0]
    if route_name(base) in ("plans:download", "scan:report", "workshop:export", "plans:shared_download"):
        names = ["versie", "lang", "fmt"]
    else:
        names = ["a", "b", "q", "versie", "fase", "phase", "next", "page", "lang"]

    @FUZZ
    @given(
        pairs=st.lists(st.tuples(st.sampled_from(names).map(str.encode), texts | ids), max_size=4),
        who=st.sampled_from((staff_persona(route), "anonymous")),
    )
    def run(pairs, who):
        with transaction.atomic():
            cache.clear()
            response = client_for(world, who).get(f"{base}?{urlencoded(pairs).decode()}")
            assert response.status_code != 500, f"500 bij GET {base} {pairs!r} als {who}"
            transaction.set_rollback(True)

    run()


HOSTILE_SEGMENTS = ["9" * 30, "-1", "A" * 5000, "a%00b", "%ED%A0%80%FF", "..%2F..", "%3Cscript%3E%7B%7B7*7%7D%7D"]


@pytest.mark.parametrize("route", _params(ROUTES, "url_parts"))
def test_hostile_url_parts_never_500(world, db, route):
    """Each part of the path that is an id, code, token or format is replaced by something hostile."""
    path = concrete_path(world, route)
    if path is None:
        pytest.xfail(f"{route}: {UNREACHED.get(route, 'no page of the demo data leads here')}")
    segments = path.split("?")[0].strip("/").split("/")
    fixed = set(all_route_prefix_words())
    variable = [i for i, s in enumerate(segments) if s not in fixed]
    problems = []
    for i in variable:
        for hostile in HOSTILE_SEGMENTS:
            broken = "/" + "/".join(segments[:i] + [hostile] + segments[i + 1 :]) + "/"
            for who, method in ((staff_persona(route), "get"), (staff_persona(route), "post"), ("anonymous", "get")):
                cache.clear()
                with transaction.atomic():
                    response = getattr(client_for(world, who), method)(broken)
                    transaction.set_rollback(True)
                if response.status_code == 500:
                    problems.append(f"{method.upper()} {broken[:120]} als {who}")
    assert problems == []


def all_route_prefix_words() -> list[str]:
    """The fixed words of every route pattern (plannen, stap, ronde, …): the rest of a path is a parameter."""
    from django.urls import URLPattern, URLResolver, get_resolver

    words: list[str] = []

    def walk(patterns):
        for p in patterns:
            text = str(p.pattern).replace("^", "").replace("$", "")
            words.extend(w for w in text.split("/") if w and "<" not in w and "(" not in w)
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif not isinstance(p, URLPattern):
                continue

    walk(get_resolver().url_patterns)
    return words
