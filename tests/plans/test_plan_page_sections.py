"""The plan page: the table of contents and the per-phase "with more money or time" section (richer_options)."""

import copy
from html.parser import HTMLParser

from participatiemix.plans.models import PlanVersion
from participatiemix.plans.selectors import instrument_label

RICHER_TITLE = "Als er meer geld of tijd is"


class PageParser(HTMLParser):
    """Collects every id on the page and the links inside the table-of-contents nav."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.toc_links: list[str] = []
        self.toc_labels: list[str] = []
        self._depth = 0  # element depth inside the ToC nav; 0 = outside
        self._in_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "nav" and attrs.get("aria-labelledby") == "toc-title":
            self._depth = 1
            self.toc_nav_attrs = attrs
            return
        if self._depth:
            self._depth += 1
            if tag == "a":
                self.toc_links.append(attrs.get("href", ""))
                self.toc_labels.append("")
                self._in_link = True

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
        if tag == "a":
            self._in_link = False

    def handle_data(self, data):
        if self._in_link:
            self.toc_labels[-1] += data


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    return parser


def test_table_of_contents_links_to_every_section_and_phase(staff_client, plan):
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    parsed = parse(page)
    assert "toc-title" in parsed.ids
    assert parsed.toc_links, "the plan page has no table of contents"
    for href in parsed.toc_links:
        assert href.startswith("#"), href
        assert href[1:] in parsed.ids, f"{href} points to no element"
    labels = " | ".join(parsed.toc_labels)
    for section in (
        "Kan participatie beginnen?",
        "Waarschuwingen",
        "Momenten van de raad",
        "Wie bereikt u?",
        "Wat vraagt dit van de gemeente?",
        "Schatting",
        "Downloaden",
    ):
        assert section in labels, section
    phases = plan.latest_version.advice["phases"]
    for p in phases:
        assert f"#fase-{p['phase']}-title" in parsed.toc_links
    # The ToC comes before the first section it points to.
    assert page.index('id="toc-title"') < page.index('id="pre-title"')


def test_table_of_contents_leaves_out_warnings_when_there_are_none(staff_client, plan):
    version = plan.latest_version
    PlanVersion.objects.filter(pk=version.pk).update(advice={**version.advice, "warnings": []})
    parsed = parse(staff_client.get(f"/plannen/{plan.pk}/").content.decode())
    assert "#warnings-title" not in parsed.toc_links
    for href in parsed.toc_links:
        assert href[1:] in parsed.ids, href


def test_richer_options_are_shown_per_phase_with_links(staff_client, plan):
    advice = plan.latest_version.advice
    with_richer = [p for p in advice["phases"] if p.get("richer_options")]
    assert with_richer, "the demo case should give richer options"
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert page.count(f">{RICHER_TITLE}</h4>") == len(with_richer)
    for p in with_richer:
        start = page.index(f'id="fase-{p["phase"]}-title"')
        end = page.find('class="pmx-phase-card"', start)
        card = page[start : end if end != -1 else len(page)]
        assert f'id="fase-{p["phase"]}-richer"' in card
        for r in p["richer_options"]:
            link = f'<a class="utrecht-link" href="/instrumenten/{r["id"]}/">{instrument_label(r["id"])}</a>'
            assert link in card, link
            assert r["why"].split(".")[0] in card


def test_richer_options_section_is_absent_for_older_advice(staff_client, plan):
    version = plan.latest_version
    older = copy.deepcopy(version.advice)
    for p in older["phases"]:
        p.pop("richer_options", None)
    PlanVersion.objects.filter(pk=version.pk).update(advice=older)
    response = staff_client.get(f"/plannen/{plan.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="fase-{older["phases"][0]["phase"]}-title"' in page
    assert RICHER_TITLE not in page
    assert "-richer" not in page


def test_empty_richer_options_show_nothing(staff_client, plan):
    version = plan.latest_version
    advice = copy.deepcopy(version.advice)
    for p in advice["phases"]:
        p["richer_options"] = []
    PlanVersion.objects.filter(pk=version.pk).update(advice=advice)
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert RICHER_TITLE not in page


def test_richer_options_in_english(staff_client, plan):
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = staff_client.get(f"/plannen/{plan.pk}/").content.decode()
    assert "With more money or time" in page and "On this page" in page
    first = next(p for p in plan.latest_version.advice_en["phases"] if p.get("richer_options"))
    assert instrument_label(first["richer_options"][0]["id"], "en") in page
