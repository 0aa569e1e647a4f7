import io
from collections import Counter

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid/", "/over/", "/inloggen/", "/bestaat-niet/"])
def test_site_pages_are_accessible_and_fit_320px(live_server, new_page, a11y, path):
    page = new_page(width=320, height=700)
    page.goto(live_server.url + path)
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)


def test_keyboard_skip_link_and_language_switch(live_server, page, a11y):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The language switch is a real button: reachable and usable by keyboard.
    page.get_by_role("button", name="English").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Participation that works: goals first, then instruments"
    a11y.accessible(page)
    a11y.shot(page, "site-home-en")


# --- Content Security Policy: every page works with the policy enforced ---------------------------------

SKIP_IN_CRAWL = (
    "uitloggen",
    "/i18n/",
    "download",
    "rapport.",
    "verslag.",
    "/verwijderen",
    "mailto:",
    "#",
    ".csv",
    ".ics",
    ".xlsx",
)
CSP_COLLECTOR = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber || ''}`));
"""


def _login_as_demo(page, base_url):
    page.goto(base_url + "/inloggen/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "csp-demo-wachtwoord-42")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).last.click()


def _kind(path: str) -> str:
    """/plannen/12/versies/ -> /plannen/*/versies/: two pages of each kind are enough (admin: two per depth)."""
    parts = [p for p in path.split("?")[0].split("/") if p]
    if parts[:1] == ["beheer"]:
        return f"/beheer/{len(parts)}"
    if parts[:1] == ["instrumenten"] and len(parts) == 2:
        return "/instrumenten/*"  # 46 instrument pages of one kind
    return "/" + "/".join("*" if any(c.isdigit() for c in p) else p for p in parts)


def _same_site_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [h.split("#")[0] for h in hrefs if h.startswith("/") and not any(s in h for s in SKIP_IN_CRAWL)]


def test_pages_keep_to_the_content_security_policy(live_server, new_page, settings, monkeypatch):
    """Crawl the demo data as its beheerder with the production policy enforced: no violation, no JS error."""
    from django.core.management import call_command

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": settings.CSP_DIRECTIVES}
    monkeypatch.setenv("PMX_DEMO_PASSWORD", "csp-demo-wachtwoord-42")
    call_command("load_demo", stdout=io.StringIO())

    staff = _watched(new_page())
    _login_as_demo(staff, live_server.url)
    start = ["/", "/instrumenten/", "/plannen/", "/zelfscan/", "/werksessies/", "/organisatie/", "/over/", "/beheer/"]
    start += ["/werksessies/doe-mee/", "/processen/", "/processen/aardgasvrij/", "/processen/aardgasvrij/beheer/"]
    queue, seen, problems, per_kind = list(start), set(), {}, Counter()
    while queue and len(seen) < 70:
        path = queue.pop(0)
        kind = _kind(path)
        if path in seen or per_kind[kind] >= 2:
            continue
        seen.add(path)
        per_kind[kind] += 1
        found = _visit(staff, live_server.url + path)
        if found:
            problems[path] = found
        queue += [link for link in _same_site_links(staff) if link not in seen]
    assert len(seen) >= 20, f"the crawl saw too little: {sorted(seen)}"

    # What residents see, without an account: the zelfscan questionnaire and a workshop group's flip-over.
    from participatiemix.scan.models import RoundGroup

    resident = _watched(new_page(width=390, height=800))
    for group in RoundGroup.objects.all()[:2]:
        problems.update({group.get_absolute_url(): _visit(resident, live_server.url + group.get_absolute_url())})
    problems["join"] = _visit(resident, live_server.url + "/werksessies/doe-mee/WARMTE/")
    resident.fill("#id_name", "Tafel bij het raam")
    with resident.expect_navigation():
        resident.get_by_role("button", name="Groep maken").click()
    assert "/flip-over/" in resident.url
    problems["flip-over"] = _visit(resident, resident.url, settle_ms=2500)  # htmx polls every 2 s
    problems = {where: found for where, found in problems.items() if found}
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def _watched(page):
    """A page that records CSP violations (init script: runs before the page's own) and JavaScript errors."""
    page.add_init_script(CSP_COLLECTOR)
    page.errors = []
    page.on("console", lambda msg: page.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(f"pageerror: {exc}"))
    return page


def _visit(page, url: str, settle_ms: int = 150) -> list[str]:
    page.errors.clear()
    response = page.goto(url)
    assert response is not None and "content-security-policy" in response.headers, url
    page.wait_for_timeout(settle_ms)  # let deferred scripts and htmx polling run
    return page.evaluate("() => window.__csp") + [e for e in page.errors if "429" not in e]


def test_lockout_page_is_dutch_accessible_and_fits_320px(live_server, new_page, a11y, django_user_model):
    django_user_model.objects.create_user(username="wethouder", password="geheim-wachtwoord-42")
    page = new_page(width=320, height=700)
    for attempt in range(5):
        page.goto(live_server.url + "/inloggen/")
        page.fill("#id_username", "wethouder")
        page.fill("#id_password", f"fout-{attempt}")
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen", exact=True).last.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Te veel pogingen"
    assert "15 minuten" in page.inner_text("main")
    a11y.accessible(page)
    a11y.no_horizontal_scroll(page)
    a11y.shot(page, "site-lockout-320")
