"""Find every route of the site and the forms that post to it, by crawling the demo data as each persona.

The fuzz tests are written against URL names, not against the apps' code (which other people change):
the crawler follows links and reads <form> elements, so a new field or a new page is fuzzed without
editing this suite.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

# Never followed while crawling: logging out, switching language, the Django admin (own tests).
SKIP_PREFIXES = ("/uitloggen/", "/i18n/", "/beheer/", "/static/", "/media/")
MAX_PER_ROUTE = 60  # concrete paths kept per URL name
MAX_QUERY_VARIANTS = 2  # filter pages: a few query strings are enough
_LINKISH = ("/", "http://testserver/")
_SHOWN_LINK = re.compile(r"http://testserver/[^\s\"'<>]*")
# Documents are recorded, not fetched while crawling (a PDF takes a second to render).
NOT_FETCHED = ("download", "report", "export", "shared_download")


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    values: list[str] = field(default_factory=list)  # prefilled value, options of a select, button value


@dataclass
class Form:
    page: str  # where the form was found
    action: str  # path it posts to
    method: str
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)


@dataclass
class Route:
    name: str
    paths: list[str] = field(default_factory=list)
    personas: list[str] = field(default_factory=list)  # who reached each path (same order)


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        # Links, and the paths htmx polls or posts to (hx-get, hx-post, data-*): every value that is a path.
        self.links += [urljoin(self.page, v) for k, v in a.items() if v.startswith(_LINKISH) and k != "action"]
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            multipart = "multipart" in a.get("enctype", "")
            self._form = Form(self.page, action, a.get("method", "get").lower(), multipart)
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.values.append(a.get("value", ""))
            return
        elif tag in ("input", "button"):
            kind = "button" if tag == "button" else a.get("type", "text").lower()
            existing = self._form.fields.get(a["name"])
            if existing is not None:
                existing.values.append(a.get("value", ""))
            else:
                self._form.fields[a["name"]] = Field(a["name"], kind, [a.get("value", "")])
        elif tag == "select":
            self._select = self._form.fields.setdefault(a["name"], Field(a["name"], "select"))
        elif tag == "textarea":
            self._textarea = self._form.fields.setdefault(a["name"], Field(a["name"], "textarea", [""]))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[-1] += data
        # Links shown as text to copy (a zelfscan link for residents).
        self.links += _SHOWN_LINK.findall(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def route_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def all_route_names() -> set[str]:
    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}{p.name}"

    return {n for n in walk(get_resolver().url_patterns) if not n.startswith("admin:")}


@dataclass
class SiteMap:
    routes: dict[str, Route] = field(default_factory=dict)
    forms: dict[str, list[Form]] = field(default_factory=dict)  # by the route name of the form's action
    fetched: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per route while crawling

    def add_path(self, name: str, path: str, persona: str) -> bool:
        route = self.routes.setdefault(name, Route(name))
        if path in route.paths:
            return False
        if len(route.paths) >= MAX_PER_ROUTE:
            return False
        base = path.split("?")[0]
        if "?" in path and sum(p.split("?")[0] == base for p in route.paths) >= MAX_QUERY_VARIANTS:
            return False
        route.paths.append(path)
        route.personas.append(persona)
        return True

    def add_form(self, form: Form) -> None:
        name = route_name(form.action)
        if name is None or form.method != "post":
            return
        known = self.forms.setdefault(name, [])
        if not any(f.action == form.action and f.fields.keys() == form.fields.keys() for f in known):
            known.append(form)


def crawl(clients: dict, starts: dict[str, list[str]], site: SiteMap | None = None, limit: int = 2000) -> SiteMap:
    """Breadth-first over GET links from `starts` (persona -> paths); forms are read, never submitted."""
    site = site or SiteMap()
    for persona, paths in starts.items():
        client = clients[persona]
        starts = {_path_of(p) for p in paths}  # always fetched, even when the route has paths already
        queue = deque(paths)
        seen: set[str] = set()
        while queue and len(seen) < limit:
            url = queue.popleft()
            parts = urlsplit(url)
            if parts.netloc not in ("", "testserver") or url in seen:
                continue
            path = _path_of(url)
            if path.startswith(SKIP_PREFIXES) or path in seen:
                continue
            seen.add(path)
            name = route_name(path)
            if name is None or not site.add_path(name, path, persona) and path not in starts:
                continue
            if name.split(":")[-1] in NOT_FETCHED:
                continue
            started = time.perf_counter()
            response = client.get(path)
            site.fetched += 1
            site.seconds[name] = site.seconds.get(name, 0.0) + time.perf_counter() - started
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _PageParser(f"http://testserver{path}")
            parser.feed(response.content.decode("utf-8", "replace"))
            for form in parser.forms:
                site.add_form(form)
                action = urlsplit(form.action).path
                if form.method == "post" and (action_name := route_name(action)):
                    site.add_path(action_name, action, persona)
                if form.method == "get":
                    queue.append(urlsplit(form.action).path)
            queue.extend(parser.links)
    return site


def default_value(field: Field) -> str:
    """A plausible value: what the page prefilled, the first real option, or a short text or number."""
    filled = [v for v in field.values if v]
    if filled:
        return filled[0]
    return {"number": "1", "date": "2026-12-31", "email": "a@example.org", "url": "https://example.org/"}.get(
        field.kind, "Fuzz"
    )


def form_defaults(form: Form) -> dict[str, str]:
    """Every field filled in plausibly (a checkbox ticked: its first value)."""
    return {
        name: default_value(f)
        for name, f in form.fields.items()
        if name != "csrfmiddlewaretoken" and f.kind not in ("file", "submit", "button")
    }


def _fresh(client, form: Form) -> Form:
    """The form as its page shows it now (a hidden 'from' phase changes after each step)."""
    parser = _PageParser(form.page)
    parser.feed(client.get(urlsplit(form.page).path).content.decode("utf-8", "replace"))
    return next((f for f in parser.forms if f.action == form.action), form)


def submit(clients: dict, site: SiteMap, name: str, persona: str, data: dict | None = None) -> None:
    """Post the first form of route `name` with plausible values, then crawl the page it leads to.

    Used to reach pages that exist only after something happened (a share link, a comment, a joined group).
    """
    forms = site.forms.get(name)
    if not forms:
        return
    client = clients[persona]
    form = _fresh(client, forms[-1])  # the newest: found on a page that an earlier submission led to
    response = client.post(urlsplit(form.action).path, {**form_defaults(form), **(data or {})})
    if response.status_code in (301, 302, 303):
        crawl(clients, {persona: [response["Location"]]}, site)
    elif response.status_code == 200:
        parser = _PageParser(f"http://testserver{urlsplit(form.action).path}")
        parser.feed(response.content.decode("utf-8", "replace"))
        paths = [urlsplit(link).path for link in parser.links]
        for extra in parser.forms:
            site.add_form(extra)
        crawl(clients, {persona: [p for p in paths if route_name(p)]}, site)
