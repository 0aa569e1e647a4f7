"""Access matrix for every werksessie URL: anonymous, resident, other organisation's staff, own staff per role.

Reading a session (detail, report) needs VIEW; setting it up and running it needs FACILITATE (beheerder,
ambtenaar, facilitator); other organisations' sessions are a 404. Participant and projector URLs take the
code and are public (rate limited; see test_findings.py).
"""

import pytest
from django.urls import get_resolver, reverse

from participatiemix.workshop import services
from participatiemix.workshop.models import Group, Note, Phase, Thread, Workshop
from tests.matrix import FORBIDDEN, LOGIN, NOT_FOUND, OK, PERSONAS, Outcome, check, expect, hidden_from_outsiders

pytestmark = pytest.mark.django_db

ROUTES = {
    "workshop:index",
    "workshop:create",
    "workshop:detail",
    "workshop:edit",
    "workshop:advance",
    "workshop:extend",
    "workshop:question",
    "workshop:threads",
    "workshop:regroup",
    "workshop:merge",
    "workshop:undo",
    "workshop:thread_action",
    "workshop:export",
    "workshop:to_plan",
    "workshop:projector",
    "workshop:projector_live",
    "workshop:projector_timer",
    "workshop:join",
    "workshop:join_group",
    "workshop:flipover",
    "workshop:flipover_live",
    "workshop:note_edit",
}

METHOD_NOT_ALLOWED = Outcome("status", 405)
EVERYONE = dict.fromkeys(PERSONAS, OK)
NOBODY = dict.fromkeys(PERSONAS, METHOD_NOT_ALLOWED)
# Reading: every role of the owning organisation. Running: the roles with FACILITATE (not the griffie).
READERS = expect(hidden_from_outsiders(), default=OK)
RUNNERS = expect(hidden_from_outsiders(), beheerder=OK, ambtenaar=OK, facilitator=OK, griffie=NOT_FOUND)
# A page without an object: a resident or the griffie has the ability nowhere (403); other_org staff
# facilitate in their own organisation, so they may make a session there.
CREATORS = {
    "anonymous": LOGIN,
    "resident": FORBIDDEN,
    "other_org": OK,
    "beheerder": OK,
    "ambtenaar": OK,
    "facilitator": OK,
    "griffie": FORBIDDEN,
}

SETUP = {
    "title": "Matrixsessie",
    "case_text": "Een casus.",
    "question_1": "Welk doel?",
    "question_2": "Hoe?",
    "question_3": "Wat vraagt het?",
    "group_minutes": "15",
    "rondgang_minutes": "10",
    "group_count": "4",
}


def test_routes_are_every_workshop_url_name():
    names = {
        f"workshop:{name}"
        for name in get_resolver().namespace_dict["workshop"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == ROUTES


@pytest.fixture
def session(organisation, make_user):
    """A running session of `organisation` with one group, a note on each question and rode draden."""
    workshop = services.workshop_create(
        title="Werksessie van Noorderveld",
        case_text=services.DEFAULT_CASE_TEXT,
        questions=list(services.DEFAULT_QUESTIONS),
        organisation=organisation,
    )
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    for name in ("Noord", "Zuid"):
        group = services.group_create(workshop=workshop, name=name)
        for question in workshop.questions.all():
            services.note_add(group=group, question=question, text=f"Draagvlak vergroten in de wijk {name}")
    return workshop


def _urls(w: Workshop) -> dict[str, str]:
    group = w.groups.first()
    note = Note.objects.filter(group=group).first()
    return {
        "index": reverse("workshop:index"),
        "create": reverse("workshop:create"),
        "detail": reverse("workshop:detail", args=[w.pk]),
        "edit": reverse("workshop:edit", args=[w.pk]),
        "advance": reverse("workshop:advance", args=[w.pk]),
        "extend": reverse("workshop:extend", args=[w.pk]),
        "question": reverse("workshop:question", args=[w.pk]),
        "threads": reverse("workshop:threads", args=[w.pk]),
        "regroup": reverse("workshop:regroup", args=[w.pk]),
        "merge": reverse("workshop:merge", args=[w.pk]),
        "undo": reverse("workshop:undo", args=[w.pk]),
        "export": reverse("workshop:export", args=[w.pk, "md"]),
        "to_plan": reverse("workshop:to_plan", args=[w.pk, group.pk]),
        "projector": reverse("workshop:projector", args=[w.code]),
        "projector_live": reverse("workshop:projector_live", args=[w.code]),
        "projector_timer": reverse("workshop:projector_timer", args=[w.code]),
        "join": reverse("workshop:join"),
        "join_group": reverse("workshop:join_group", args=[w.code]),
        "flipover": reverse("workshop:flipover", args=[w.code]),
        "flipover_live": reverse("workshop:flipover_live", args=[w.code]),
        "note_edit": reverse("workshop:note_edit", args=[w.code, note.pk]),
    }


def test_read_pages(persona_clients, session):
    urls = _urls(session)
    assert check(persona_clients, "GET", urls["detail"], READERS) == []
    assert check(persona_clients, "GET", urls["export"], READERS) == []
    assert check(persona_clients, "GET", urls["threads"], RUNNERS) == []
    # Read-only pages take no POST, from anyone (405 says nothing about the session).
    for name in ("detail", "threads", "export", "index", "projector", "projector_live", "projector_timer"):
        assert check(persona_clients, "POST", urls[name], NOBODY) == [], name


def test_set_up_and_edit(persona_clients, session):
    urls = _urls(session)
    assert check(persona_clients, "GET", urls["create"], CREATORS) == []
    assert check(persona_clients, "POST", urls["create"], CREATORS, SETUP) == []
    made = Workshop.objects.filter(title="Matrixsessie")
    # One per persona that may create, each in its own organisation; none for the others.
    assert made.count() == 4
    assert made.filter(organisation=session.organisation).count() == 3
    assert check(persona_clients, "GET", urls["edit"], RUNNERS) == []
    outsiders_and_griffie = {k: v for k, v in RUNNERS.items() if v != OK}
    assert check(persona_clients, "POST", urls["edit"], outsiders_and_griffie, {**SETUP, "title": "Overgenomen"}) == []
    assert not Workshop.objects.filter(title="Overgenomen").exists()
    assert check(persona_clients, "POST", urls["edit"], {"ambtenaar": OK}, {**SETUP, "title": "Bijgewerkt"}) == []
    session.refresh_from_db()
    assert session.title == "Bijgewerkt"


def test_phase_controls(persona_clients, session):
    urls = _urls(session)
    outsiders_and_griffie = {k: v for k, v in RUNNERS.items() if v != OK}
    for name, data in (("advance", {"from": "groups"}), ("extend", {"minutes": "5"}), ("question", {"number": "2"})):
        before = Workshop.objects.values("phase", "phase_ends_at", "rondgang_question", "version").get(pk=session.pk)
        assert check(persona_clients, "POST", urls[name], outsiders_and_griffie, data) == [], name
        after = Workshop.objects.values("phase", "phase_ends_at", "rondgang_question", "version").get(pk=session.pk)
        assert after == before, f"{name}: changed by someone without FACILITATE"
        assert check(persona_clients, "GET", urls[name], NOBODY) == [], name
    assert check(persona_clients, "POST", urls["advance"], {"facilitator": OK}, {"from": "groups"}) == []
    assert Workshop.objects.get(pk=session.pk).phase == Phase.RONDGANG
    for name in ("extend", "question"):
        assert (
            check(persona_clients, "POST", urls[name], {p: OK for p in ("beheerder", "ambtenaar", "facilitator")}) == []
        )


def test_rode_draden_actions(persona_clients, session):
    services.workshop_set_phase(workshop=session, phase=Phase.THREADS)
    urls = _urls(session)
    thread = Thread.objects.filter(workshop=session).first()
    action = reverse("workshop:thread_action", args=[session.pk, thread.pk])
    outsiders_and_griffie = {k: v for k, v in RUNNERS.items() if v != OK}
    assert check(persona_clients, "POST", action, outsiders_and_griffie, {"action": "rename", "label": "Gekaapt"}) == []
    assert check(persona_clients, "POST", urls["regroup"], outsiders_and_griffie) == []
    ids = list(Thread.objects.filter(workshop=session).values_list("pk", flat=True)[:2])
    assert check(persona_clients, "POST", urls["merge"], outsiders_and_griffie, {"threads": ids}) == []
    assert not Thread.objects.filter(label="Gekaapt").exists() and not Thread.objects.filter(merged=True).exists()
    assert check(persona_clients, "POST", action, {"ambtenaar": OK}, {"action": "pin"}) == []
    assert check(persona_clients, "POST", urls["regroup"], {"facilitator": OK}) == []
    assert check(persona_clients, "POST", urls["merge"], {"beheerder": OK}, {"threads": ids}) == []
    for name in ("regroup", "merge", "undo"):
        assert check(persona_clients, "GET", urls[name], NOBODY) == [], name
    assert check(persona_clients, "GET", action, NOBODY) == []


def test_rode_draden_undo(persona_clients, session):
    """Undo is a facilitator's step on the organisation's own session: outsiders and the griffie get nothing."""
    services.workshop_set_phase(workshop=session, phase=Phase.THREADS)
    urls = _urls(session)
    outsiders_and_griffie = {k: v for k, v in RUNNERS.items() if v != OK}
    assert check(persona_clients, "POST", urls["undo"], outsiders_and_griffie) == []
    assert check(persona_clients, "POST", urls["undo"], {"facilitator": OK, "ambtenaar": OK, "beheerder": OK}) == []


def test_to_plan(persona_clients, session):
    from participatiemix.plans.models import Plan
    from tests.workshop.test_issue15_to_plan import _data

    url = _urls(session)["to_plan"]
    group_pk = int(url.rstrip("/").split("/")[-2])
    data = _data(session, Group.objects.get(pk=group_pk))
    assert check(persona_clients, "GET", url, RUNNERS) == []
    outsiders_and_griffie = {k: v for k, v in RUNNERS.items() if v != OK}
    assert check(persona_clients, "POST", url, outsiders_and_griffie, data) == []
    assert Plan.objects.count() == 0
    assert check(persona_clients, "POST", url, {"facilitator": OK}, data) == []
    plan = Plan.objects.get()
    assert plan.organisation_id == session.organisation_id  # the werksessie's organisation, not the user's first


def test_participant_and_projector_urls_are_public_by_code(persona_clients, session):
    urls = _urls(session)
    for name in ("index", "projector", "projector_live", "projector_timer", "join", "join_group", "flipover"):
        assert check(persona_clients, "GET", urls[name], EVERYONE) == [], name
    for name in ("flipover_live", "note_edit"):  # not a member of a group: nothing to show, nothing stored
        assert check(persona_clients, "GET", urls[name], EVERYONE) == [], name
    assert check(persona_clients, "POST", urls["join"], EVERYONE, {"code": session.code}) == []
    # Each persona joins (or makes) a group with the code alone; then the flip-over and note edit are theirs.
    for persona in PERSONAS:
        client = persona_clients[persona]
        data = {"action": "new", "name": f"Tafel {persona}"}
        assert check({persona: client}, "POST", urls["join_group"], {persona: OK}, data) == []
        data = {"question": "1", "text": f"Notitie van {persona}"}
        assert check({persona: client}, "POST", urls["flipover"], {persona: OK}, data) == []
    assert Group.objects.filter(workshop=session, name__startswith="Tafel ").count() == len(PERSONAS)
    assert Note.objects.filter(text__startswith="Notitie van ").count() == len(PERSONAS)
    # A note of another group is not theirs to edit, whoever they are.
    stranger_note = Note.objects.filter(group__name="Noord").first()
    url = reverse("workshop:note_edit", args=[session.code, stranger_note.pk])
    data = {"text": "Overschreven", "version": str(stranger_note.version)}
    assert check(persona_clients, "POST", url, dict.fromkeys(PERSONAS, NOT_FOUND), data) == []
    assert Note.objects.get(pk=stranger_note.pk).text != "Overschreven"


def test_other_organisations_session_is_a_404_for_own_staff(persona_clients, other_organisation):
    theirs = services.workshop_create(
        title="Van Zuiderhaven",
        case_text="Casus.",
        questions=["Vraag?"],
        organisation=other_organisation,
    )
    expected = {**dict.fromkeys(("beheerder", "ambtenaar", "facilitator", "griffie"), NOT_FOUND), "other_org": OK}
    assert check(persona_clients, "GET", reverse("workshop:detail", args=[theirs.pk]), expected) == []
    assert check(persona_clients, "GET", reverse("workshop:export", args=[theirs.pk, "md"]), expected) == []
    # Huge and malformed ids are a 404 too, never a 500.
    for url in ("/werksessies/999999999999999999999999999999/", "/werksessies/0/", "/werksessies/1x/"):
        assert persona_clients["beheerder"].get(url).status_code == 404


def test_list_shows_only_own_organisations_sessions(persona_clients, session, other_organisation):
    services.workshop_create(
        title="Van Zuiderhaven", case_text="Casus.", questions=["Vraag?"], organisation=other_organisation
    )
    for persona in ("beheerder", "ambtenaar", "facilitator", "griffie"):
        html = persona_clients[persona].get(reverse("workshop:index")).content.decode()
        assert session.title in html and "Van Zuiderhaven" not in html, persona
    assert "Nieuwe werksessie" not in persona_clients["griffie"].get(reverse("workshop:index")).content.decode()
    assert "Nieuwe werksessie" in persona_clients["facilitator"].get(reverse("workshop:index")).content.decode()
    for persona in ("anonymous", "resident"):
        html = persona_clients[persona].get(reverse("workshop:index")).content.decode()
        assert session.title not in html and "Nieuwe werksessie" not in html, persona
    html = persona_clients["other_org"].get(reverse("workshop:index")).content.decode()
    assert "Van Zuiderhaven" in html and session.title not in html


def test_griffie_reads_without_controls(persona_clients, session):
    html = persona_clients["griffie"].get(reverse("workshop:detail", args=[session.pk])).content.decode()
    assert session.code in html and "Verslag als PDF" in html
    for control in (
        reverse("workshop:advance", args=[session.pk]),
        reverse("workshop:edit", args=[session.pk]),
        "naar-plan",
    ):
        assert control not in html
    html = persona_clients["facilitator"].get(reverse("workshop:detail", args=[session.pk])).content.decode()
    assert reverse("workshop:advance", args=[session.pk]) in html and "naar-plan" in html


def test_rules_permissions_agree_with_the_views(persona_clients, session):
    users = persona_clients["users"]
    runners = {"beheerder", "ambtenaar", "facilitator"}
    for persona, user in users.items():
        own = persona in ("beheerder", "ambtenaar", "facilitator", "griffie")
        assert user.has_perm("workshop.view_workshop", session) is own, persona
        for action in ("change", "delete", "run"):
            assert user.has_perm(f"workshop.{action}_workshop", session) is (persona in runners), (persona, action)
    assert users["griffie"].has_perm("workshop.add_workshop") is False
    assert users["other_org"].has_perm("workshop.add_workshop") is True  # in their own organisation
