"""List, filters, detail and compare pages, on a generated catalogue."""

from __future__ import annotations

import re

import pytest

from participatiemix.catalogue import selectors
from participatiemix.mix.catalogue import cost_band_of
from participatiemix.mix.errors import DataError
from tests.catalogue.helpers import make_experience, make_local

pytestmark = pytest.mark.django_db


def shown_ids(response) -> list[str]:
    return re.findall(r'name="id" value="([a-z0-9_]+)"', response.content.decode())


def test_list_shows_every_instrument_with_count_tags_and_filters(client, catalogue):
    response = client.get("/instrumenten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert sorted(shown_ids(response)) == sorted(i.id for i in catalogue)
    assert f"{len(catalogue)} instrumenten." in html
    assert 'aria-live="polite"' in html
    assert 'hx-get="/instrumenten/"' in html and 'hx-target="#pmx-results"' in html and 'hx-push-url="true"' in html
    assert "Burgerberaad (geloot)" in html and "Beleidsvoorbereiding" in html and "Adviseren" in html
    for param in ("fase", "trede", "doel", "bereikt", "democratievorm", "online", "kosten", "zoek"):
        assert f'name="{param}"' in html
    assert 'action="/instrumenten/vergelijk/"' in html


FACET_ATTRIBUTE = {
    "fase": lambda i: set(i.phases),
    "trede": lambda i: set(i.levels),
    "doel": lambda i: set(i.goals),
    "bereikt": lambda i: set(i.reaches),
    "democratievorm": lambda i: set(i.democracy_forms),
}


@pytest.mark.parametrize("param", sorted(FACET_ATTRIBUTE))
def test_each_set_filter_keeps_exactly_the_matching_instruments(client, catalogue, param):
    section = selectors.FACETS[param]
    values = sorted({v for i in catalogue for v in FACET_ATTRIBUTE[param](i)})[:2]
    assert values, "the generated catalogue covers every facet"
    response = client.get("/instrumenten/", {param: values})
    expected = sorted(i.id for i in catalogue if FACET_ATTRIBUTE[param](i) & set(values))
    assert sorted(shown_ids(response)) == expected
    assert f"{len(expected)} van {len(catalogue)} instrument" in response.content.decode()
    assert section  # the param maps to a vocabulary section


def test_online_filter_counts_hybrid_for_online_and_offline(client, catalogue):
    response = client.get("/instrumenten/", {"online": "online"})
    assert sorted(shown_ids(response)) == sorted(i.id for i in catalogue if i.online in {"online", "hybrid"})
    response = client.get("/instrumenten/", {"online": "hybrid"})
    assert sorted(shown_ids(response)) == sorted(i.id for i in catalogue if i.online == "hybrid")


def test_cost_filter_uses_the_upper_bound(client, catalogue):
    for band in ("low", "medium", "high"):
        response = client.get("/instrumenten/", {"kosten": band})
        expected = sorted(i.id for i in catalogue if cost_band_of(i.cost_eur.max) == band)
        assert sorted(shown_ids(response)) == expected, band


def test_filters_combine_across_facets_and_search(client, catalogue):
    response = client.get("/instrumenten/", {"fase": "agenda_setting", "trede": "advise", "zoek": "GELOOT"})
    assert shown_ids(response) == ["burgerberaad"]
    response = client.get("/instrumenten/", {"zoek": "bestaat-echt-niet"})
    assert shown_ids(response) == []
    assert "Geen instrumenten gevonden" in response.content.decode()


def test_unknown_filter_values_are_ignored_with_a_notice(client, catalogue):
    response = client.get("/instrumenten/", {"fase": ["agenda_setting", "verzonnen"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "fase=verzonnen" in html
    assert sorted(shown_ids(response)) == sorted(i.id for i in catalogue if "agenda_setting" in i.phases)


def test_htmx_request_gets_the_partial_with_the_count_out_of_band(client, catalogue):
    response = client.get("/instrumenten/", {"trede": "advise"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="pmx-count" hx-swap-oob="innerHTML"' in html
    assert sorted(shown_ids(response)) == sorted(i.id for i in catalogue if "advise" in i.levels)


def test_local_instruments_are_listed_marked_and_filterable(client, catalogue, organisation):
    make_local(organisation)
    response = client.get("/instrumenten/")
    html = response.content.decode()
    assert "buurtsoep" in shown_ids(response)
    assert "Lokaal toegevoegd door Gemeente Noorderveld" in html
    response = client.get("/instrumenten/", {"democratievorm": "deliberative"})
    assert "buurtsoep" not in shown_ids(response)  # a local instrument has no democracy form
    response = client.get("/instrumenten/", {"bereikt": "elderly", "kosten": "low"})
    assert "buurtsoep" in shown_ids(response)


def test_list_is_english_after_switching_language(client, catalogue, organisation):
    make_local(organisation)
    client.post("/i18n/setlang/", {"language": "en", "next": "/instrumenten/"})
    html = client.get("/instrumenten/").content.decode()
    assert "Citizens&#x27; assembly (sortition)" in html
    assert "Neighbourhood soup" in html
    assert "Policy preparation" in html


def test_pagination_keeps_the_filters(client, catalogue, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 5)
    first = client.get("/instrumenten/", {"trede": ["consult", "advise", "inform", "coproduce", "co_decide"]})
    html = first.content.decode()
    assert len(shown_ids(first)) == 5
    assert 'aria-label="Paginering"' in html
    assert "pagina=2" in html and "trede=consult" in html
    second = client.get(
        "/instrumenten/?trede=consult&trede=advise&trede=inform&trede=coproduce&trede=co_decide&pagina=2"
    )
    assert set(shown_ids(second)).isdisjoint(shown_ids(first))


@pytest.mark.parametrize("local_count", [3, 30])
def test_list_query_count_does_not_grow_with_local_instruments(
    client, catalogue, django_assert_max_num_queries, local_count, organisation, other_organisation
):
    for n in range(local_count):
        make_local(organisation if n % 2 else other_organisation, slug=f"lokaal_{n}", name_nl=f"Lokaal {n}")
    make_experience(organisation, where="Noord")
    with django_assert_max_num_queries(2):
        response = client.get("/instrumenten/")
    assert len(shown_ids(response)) == len(catalogue) + local_count


def test_detail_shows_everything_about_a_curated_instrument(staff_client, catalogue, other_organisation):
    make_experience(other_organisation, what_did_not="<b>Te</b> weinig jongeren.")
    response = staff_client.get("/instrumenten/burgerberaad/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Burgerberaad (geloot)",
        "Keuzes en belangen afwegen",  # goal
        "sterk",  # strength
        "U denkt mee en geeft advies.",  # level promise
        "Beleidsvoorbereiding",
        "Deliberatieve democratie",
        "Loting",
        "Laaggeletterden",  # misses
        "€ 50.000 – € 250.000",
        "schatting",
        "400 – 1.500 uur",
        "16 – 36 weken",
        "Rol van de raad",
        "Competenties",
        "Randvoorwaarden",
        "Interne organisatie",
        "Wettelijke basis",
        "Amsterdam (2021)",
        'href="https://vng.nl/artikelen/burgerberaden-als-het-lukt-dan-heb-je-ook-wat"',
        "Lokaal toegevoegd door Gemeente Zuiderhaven",  # colleagues read every organisation's experiences
        "&lt;b&gt;Te&lt;/b&gt; weinig jongeren.",
    ):
        assert text in html, text
    # Lead time is not an estimate in the model file: only the other ranges carry the marker.
    assert html.count('class="pmx-tag pmx-estimate"') == 4


def test_detail_of_a_local_instrument_and_unknown_id(staff_client, catalogue, other_organisation):
    make_local(other_organisation)
    html = staff_client.get("/instrumenten/buurtsoep/").content.decode()
    assert "Buurtsoep" in html and "Lokaal toegevoegd door Gemeente Zuiderhaven" in html and "wijkregisseur" in html
    assert "€ 100 – € 800" in html
    assert staff_client.get("/instrumenten/bestaat_niet/").status_code == 404


def test_compare_two_to_four(client, catalogue, organisation):
    make_local(organisation)
    response = client.get("/instrumenten/vergelijk/", {"id": ["burgerberaad", "gen_0001", "buurtsoep"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('scope="col"') == 3
    assert 'scope="row">Kosten<' in html
    assert "niet bekend" in html  # the local instrument has no staff hours
    assert 'class="pmx-table-wrap" role="region"' in html and 'tabindex="0"' in html


@pytest.mark.parametrize(
    "ids,message",
    [
        (["burgerberaad"], "Kies minstens 2 instrumenten om te vergelijken. U koos er 1."),
        ([], "Kies minstens 2 instrumenten om te vergelijken. U koos er 0."),
        (["burgerberaad", "burgerberaad"], "Kies minstens 2 instrumenten om te vergelijken. U koos er 1."),
        ([f"gen_000{i}" for i in range(5)], "Kies hoogstens 4 instrumenten om te vergelijken. U koos er 5."),
        (["burgerberaad", "verzonnen"], "Het instrument met code ‘verzonnen’ bestaat niet."),
    ],
)
def test_compare_refuses_with_a_clear_message(client, catalogue, ids, message):
    response = client.get("/instrumenten/vergelijk/", {"id": ids})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_broken_catalogue_gives_a_plain_503(client, monkeypatch):
    def broken():
        raise DataError(["instruments/x.yaml: id: kapot"])

    monkeypatch.setattr(selectors, "load_catalogue", broken)
    monkeypatch.setattr(selectors, "_index", None)
    for url in ("/instrumenten/", "/instrumenten/burgerberaad/", "/instrumenten/vergelijk/?id=a&id=b"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "even niet beschikbaar" in response.content.decode()
        assert "kapot" not in response.content.decode()


def test_compare_lists_risk_sentences_instead_of_joining_them_with_commas(client):
    """Found by a new user: risks were joined into 'zin één., zin twee.' on the compare page."""
    response = client.get("/instrumenten/vergelijk/", {"id": ["burgerberaad", "referendum"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert ".," not in re.sub(r"<[^>]+>", "", html)
    assert 'class="utrecht-unordered-list pmx-sentences"' in html


def test_filter_panel_says_what_can_be_filtered_and_opens_the_first_filter(client, catalogue):
    html = client.get("/instrumenten/").content.decode()
    assert "U kunt filteren op: fase, trede op de participatieladder, doel" in html
    details = re.findall(r'<details class="pmx-facet"( open)?>', html)
    assert details[0] == " open" and all(d == "" for d in details[1:])
