"""Access matrix for every zelfscan page: anonymous, a resident, another organisation's staff, own staff per role.

Reading a round (overview, counts, results, report, agenda, trend) needs VIEW in its organisation: every own
role reads, the griffie too. Making, changing and deleting needs EDIT (beheerder, ambtenaar). A round of another
organisation is a 404. The respondent pages (open link, code entry, thanks) are public.
"""

import datetime as dt

import pytest
from django.utils import timezone

from participatiemix.scan import demo, services
from participatiemix.scan.models import Priority, Response, ScanRound
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, PERSONAS, Outcome, check, expect, hidden_from_outsiders

pytestmark = pytest.mark.django_db

ROUTES = {
    "scan:index",
    "scan:round_create",
    "scan:round",
    "scan:round_counts",
    "scan:round_codes",
    "scan:round_close",
    "scan:round_delete",
    "scan:results",
    "scan:report",
    "scan:agenda",
    "scan:priority_plan",
    "scan:compare",
    "scan:respond",
    "scan:thanks",
}

NOT_ALLOWED = Outcome("status", 405)
EVERYONE = dict.fromkeys(PERSONAS, OK)
READERS = expect(hidden_from_outsiders(), default=OK)  # every own role reads
EDITORS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, facilitator=FORBIDDEN, griffie=FORBIDDEN)
# A page that only takes POST, tried with GET (and back): login first, then 405 whoever asks (reveals nothing).
WRONG_METHOD = {"anonymous": LOGIN, **{p: NOT_ALLOWED for p in PERSONAS if p != "anonymous"}}


@pytest.fixture
def own_round(organisation, make_round):
    scan_round = make_round(title="Onze ronde")
    demo.fill_round(scan_round=scan_round, counts={"residents": 6, "council": 5}, seed=3)
    return scan_round


def test_index_is_public_and_lists_only_own_rounds(persona_clients, own_round, make_round, other_organisation):
    make_round(organisation=other_organisation, title="Ronde van Zuiderhaven")
    assert check(persona_clients, "GET", "/zelfscan/", EVERYONE) == []
    own = persona_clients["griffie"].get("/zelfscan/").content.decode()
    assert "Onze ronde" in own and "Ronde van Zuiderhaven" not in own
    assert "Nieuwe ronde" not in own  # the griffie reads, does not make rounds
    assert "Nieuwe ronde" in persona_clients["ambtenaar"].get("/zelfscan/").content.decode()
    other = persona_clients["other_org"].get("/zelfscan/").content.decode()
    assert "Ronde van Zuiderhaven" in other and "Onze ronde" not in other
    for persona in ("anonymous", "resident"):
        html = persona_clients[persona].get("/zelfscan/").content.decode()
        assert "Onze ronde" not in html and "Ronde van Zuiderhaven" not in html


def test_round_create_needs_edit_somewhere_and_uses_the_own_organisation(
    persona_clients, organisation, other_organisation
):
    expected = {
        "anonymous": LOGIN,
        "resident": FORBIDDEN,
        "other_org": OK,
        "beheerder": OK,
        "ambtenaar": OK,
        "facilitator": FORBIDDEN,
        "griffie": FORBIDDEN,
    }
    assert check(persona_clients, "GET", "/zelfscan/nieuw/", expected) == []
    assert check(persona_clients, "POST", "/zelfscan/nieuw/", expected, {"municipality": ""}) == []
    assert ScanRound.objects.count() == 0  # refused forms store nothing
    today = timezone.localdate()
    data = {
        "municipality": "Zuiderhaven",
        "title": "Ronde van ander",
        "groups": ["residents"],
        "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=10)).isoformat(),
    }
    for n in range(1, 5):
        data[f"custom_{n}_kind"] = "likert"
    assert persona_clients["other_org"].post("/zelfscan/nieuw/", data).status_code == 302
    assert ScanRound.objects.get().organisation == other_organisation
    assert persona_clients["ambtenaar"].post("/zelfscan/nieuw/", {**data, "title": "Eigen"}).status_code == 302
    assert ScanRound.objects.get(title="Eigen").organisation == organisation


@pytest.mark.parametrize(
    "suffix", ["", "aantallen/", "resultaten/", "rapport.docx", "rapport.pdf", "verbeteragenda/", "vergelijken/"]
)
def test_reading_a_round_is_for_every_own_role_only(persona_clients, own_round, suffix):
    url = f"/zelfscan/ronde/{own_round.pk}/{suffix}"
    assert check(persona_clients, "GET", url, READERS) == []


@pytest.mark.parametrize("suffix", ["", "aantallen/", "resultaten/", "rapport.docx", "vergelijken/"])
def test_read_pages_take_no_post(persona_clients, own_round, suffix):
    assert check(persona_clients, "POST", f"/zelfscan/ronde/{own_round.pk}/{suffix}", WRONG_METHOD) == []


def test_codes_only_for_editors(persona_clients, own_round):
    url = f"/zelfscan/ronde/{own_round.pk}/codes/council/"
    assert check(persona_clients, "POST", url, EDITORS, {"count": 2}) == []
    assert own_round.groups.get(group="council").codes.count() == 4  # beheerder and ambtenaar made 2 each
    assert check(persona_clients, "GET", url, WRONG_METHOD) == []


def test_close_only_for_editors(persona_clients, own_round):
    url = f"/zelfscan/ronde/{own_round.pk}/sluiten/"
    refused = {k: v for k, v in EDITORS.items() if v != OK}
    assert check(persona_clients, "POST", url, refused) == []
    own_round.refresh_from_db()
    assert own_round.closed_at is None
    assert check(persona_clients, "POST", url, {"ambtenaar": OK}) == []
    own_round.refresh_from_db()
    assert own_round.closed_at is not None
    assert check(persona_clients, "GET", url, WRONG_METHOD) == []


def test_staff_of_another_organisation_cannot_delete_a_round(persona_clients, own_round, make_user, other_organisation):
    """The finding: staff user B deleted a zelfscan round that staff user A made."""
    from participatiemix.organisations.roles import Role

    url = f"/zelfscan/ronde/{own_round.pk}/verwijderen/"
    refused = {k: v for k, v in EDITORS.items() if v != OK}
    assert check(persona_clients, "GET", url, refused) == []
    assert check(persona_clients, "POST", url, refused) == []
    other_ambtenaar = make_user(Role.AMBTENAAR, other_organisation, username="ambtenaar-b")
    client = persona_clients["anonymous"].__class__()
    client.force_login(other_ambtenaar)
    assert client.post(url).status_code == 404
    assert ScanRound.objects.filter(pk=own_round.pk).exists() and Response.objects.count() == 11
    assert check(persona_clients, "GET", url, {"beheerder": OK, "ambtenaar": OK}) == []
    assert check(persona_clients, "POST", url, {"beheerder": OK}) == []
    assert not ScanRound.objects.filter(pk=own_round.pk).exists()


def test_agenda_reads_for_all_own_roles_and_saves_for_editors(persona_clients, own_round):
    url = f"/zelfscan/ronde/{own_round.pk}/verbeteragenda/"
    refused = {k: v for k, v in EDITORS.items() if v != OK}
    assert check(persona_clients, "POST", url, refused, {"priority": ["inclusion"]}) == []
    assert not Priority.objects.exists()
    assert check(persona_clients, "POST", url, {"ambtenaar": OK}, {"priority": ["inclusion"]}) == []
    assert Priority.objects.get().dimension == "inclusion"
    griffie_page = persona_clients["griffie"].get(url).content.decode()
    assert "Verbeteragenda opslaan" not in griffie_page and "Start een conceptplan" not in griffie_page


def test_starting_a_plan_from_a_priority_is_for_editors(persona_clients, own_round, organisation):
    from participatiemix.plans.models import Plan

    priority = Priority.objects.create(round=own_round, dimension="inclusion")
    url = f"/zelfscan/ronde/{own_round.pk}/verbeteragenda/{priority.pk}/plan/"
    refused = {k: v for k, v in EDITORS.items() if v != OK}
    assert check(persona_clients, "POST", url, refused) == []
    assert not Plan.objects.exists()
    assert check(persona_clients, "POST", url, {"ambtenaar": OK}) == []
    assert Plan.objects.get().organisation == organisation
    assert check(persona_clients, "GET", url, WRONG_METHOD) == []


def test_a_priority_of_another_round_is_not_found(persona_clients, own_round, make_round):
    other_round = make_round(title="Andere ronde")
    priority = Priority.objects.create(round=other_round, dimension="inclusion")
    url = f"/zelfscan/ronde/{own_round.pk}/verbeteragenda/{priority.pk}/plan/"
    assert persona_clients["ambtenaar"].post(url).status_code == 404


def test_huge_and_unknown_ids_are_not_found(persona_clients, own_round):
    client = persona_clients["beheerder"]
    for url in (
        "/zelfscan/ronde/999999999999999999999999999999/",
        "/zelfscan/ronde/999999999/resultaten/",
        f"/zelfscan/ronde/{own_round.pk}/verbeteragenda/999999999999999999999999/plan/",
        f"/zelfscan/ronde/{own_round.pk}/rapport.exe",
    ):
        assert client.get(url).status_code in (404, 405), url


def test_anyone_can_answer_an_open_round_and_the_pages_reveal_nothing_else(persona_clients, own_round):
    residents = own_round.groups.get(group="residents")
    council = own_round.groups.get(group="council")
    url = residents.get_absolute_url()
    assert check(persona_clients, "GET", url, EVERYONE) == []
    before = Response.objects.count()
    assert check(persona_clients, "POST", url, EVERYONE, {"q_par_room": "4", "action": "confirm"}) == []
    assert Response.objects.count() == before + len(PERSONAS)
    assert check(persona_clients, "GET", url + "bedankt/", EVERYONE) == []
    assert check(persona_clients, "POST", url + "bedankt/", {p: NOT_ALLOWED for p in PERSONAS}) == []
    # The code entry of a closed group is public too (the code is the key).
    assert check(persona_clients, "GET", council.get_absolute_url(), EVERYONE) == []
    assert check(persona_clients, "POST", council.get_absolute_url(), EVERYONE, {"code": "ABCDE-FGH23"}) == []
    for page_url in (url, url + "bedankt/", council.get_absolute_url()):
        html = persona_clients["anonymous"].get(page_url).content.decode()
        assert "/zelfscan/ronde/" not in html
        other_tokens = [g.token for g in own_round.groups.all() if g.token not in page_url]
        assert not any(token in html for token in other_tokens)


def test_unknown_token_is_a_plain_404(persona_clients):
    expected = dict.fromkeys(PERSONAS, NOT_FOUND)
    assert check(persona_clients, "GET", "/zelfscan/doe-mee/bestaat-niet/", expected) == []
    assert check(persona_clients, "GET", "/zelfscan/doe-mee/" + "x" * 500 + "/", expected) == []


def test_rounds_of_another_organisation_are_not_used_by_services(own_round, make_round, other_organisation):
    other = make_round(organisation=other_organisation, title="Elders", municipality=own_round.municipality)
    assert other.organisation == other_organisation
    from participatiemix.scan import selectors

    assert list(selectors.earlier_rounds(scan_round=own_round)) == []
    with pytest.raises(services.ScanError):
        services.round_create(
            organisation=None,
            municipality="X",
            title="Y",
            groups=["residents"],
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )


def test_readers_see_no_buttons_for_changes(persona_clients, own_round):
    for persona in ("griffie", "facilitator"):
        page = persona_clients[persona].get(f"/zelfscan/ronde/{own_round.pk}/").content.decode()
        assert "Ronde beheren" not in page and "Codes maken (CSV)" not in page, persona
        assert "Hoeveel mensen deden mee" in page
    page = persona_clients["ambtenaar"].get(f"/zelfscan/ronde/{own_round.pk}/").content.decode()
    assert "Ronde beheren" in page and "Codes maken (CSV)" in page
