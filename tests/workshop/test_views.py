import io
import re

import pytest
from django.urls import reverse

from participatiemix.workshop import services
from participatiemix.workshop.models import Group, Note, Phase, Workshop
from participatiemix.workshop.views import SESSION_KEY
from tests.workshop.test_issue15_to_plan import _data

pytestmark = pytest.mark.django_db

XSS = "<script>alert('x')</script>"


def join(client, workshop, name="Tafel 1"):
    response = client.post(reverse("workshop:join_group", args=[workshop.code]), {"action": "new", "name": name})
    assert response.status_code == 302, response.content.decode()[:500]
    return Group.objects.get(workshop=workshop, name=name)


@pytest.fixture
def facilitator(client, staff):
    client.force_login(staff)
    return client


def test_facilitator_pages_need_a_login_and_a_role_here(client, make_user, workshop):
    object_urls = [
        reverse("workshop:detail", args=[workshop.pk]),
        reverse("workshop:threads", args=[workshop.pk]),
        reverse("workshop:export", args=[workshop.pk, "docx"]),
    ]
    for url in [reverse("workshop:create"), *object_urls]:
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
    client.force_login(make_user(None, None, username="inwoner", is_staff=True))  # is_staff alone gives nothing
    assert client.get(reverse("workshop:create")).status_code == 403
    for url in object_urls:
        assert client.get(url).status_code == 404
    assert client.post(reverse("workshop:advance", args=[workshop.pk])).status_code == 404
    assert Workshop.objects.get(pk=workshop.pk).phase == Phase.PREPARING


def test_facilitator_creates_a_session_with_the_deck_case_ready(facilitator):
    page = facilitator.get(reverse("workshop:create")).content.decode()
    assert "Gronings" in page or "Groningen" in page
    assert "Welk doel willen jullie bereiken?" in page
    data = {
        "title": "Oefensessie",
        "case_text": services.DEFAULT_CASE_TEXT,
        "question_1": "Welk doel?",
        "question_2": "Hoe?",
        "question_3": "Wat vraagt het?",
        "group_minutes": "15",
        "rondgang_minutes": "10",
        "group_count": "6",
    }
    response = facilitator.post(reverse("workshop:create"), data)
    workshop = Workshop.objects.get(title="Oefensessie")
    assert response["Location"] == workshop.get_absolute_url()
    assert workshop.group_minutes == 15
    detail = facilitator.get(workshop.get_absolute_url()).content.decode()
    assert workshop.code in detail


def test_bad_setup_is_refused_with_dutch_messages(facilitator):
    response = facilitator.post(
        reverse("workshop:create"),
        {
            "title": "",
            "case_text": XSS,
            "question_1": "a",
            "question_2": "b",
            "question_3": "c",
            "group_minutes": "0",
            "rondgang_minutes": "10",
            "group_count": "6",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Controleer deze gegevens" in html
    assert "Vul een titel in." in html and "Vul een heel getal in van 1 tot en met 240." in html
    assert 'aria-invalid="true"' in html and 'href="#id_title"' in html
    assert Workshop.objects.count() == 0
    response = facilitator.post(
        reverse("workshop:create"),
        {
            "title": "T",
            "case_text": XSS,
            "question_1": "a",
            "question_2": "b",
            "question_3": "c",
            "group_minutes": "20",
            "rondgang_minutes": "10",
            "group_count": "6",
        },
    )
    html = response.content.decode()
    assert "bevat HTML of code" in html and "<script>alert" not in html
    assert Workshop.objects.count() == 0


def test_join_with_wrong_or_closed_code_gives_a_clear_message(client, workshop):
    response = client.post(reverse("workshop:join"), {"code": "abc"})
    assert response.status_code == 400 and "Een code heeft 6 tekens" in response.content.decode()
    response = client.post(reverse("workshop:join"), {"code": "ZZZZZZ" if workshop.code != "ZZZZZZ" else "YYYYYY"})
    assert response.status_code == 400 and "Deze code kennen wij niet" in response.content.decode()
    response = client.post(reverse("workshop:join"), {"code": workshop.code.lower()})
    assert response.status_code == 302 and response["Location"].endswith(f"/doe-mee/{workshop.code}/")
    services.workshop_set_phase(workshop=workshop, phase=Phase.CLOSED)
    response = client.post(reverse("workshop:join"), {"code": workshop.code})
    assert response.status_code == 400 and "gesloten" in response.content.decode()
    assert client.get(reverse("workshop:join_group", args=[workshop.code])).status_code == 404


def test_two_members_share_one_flipover_without_an_account(client, running):
    group = join(client, running)
    other = type(client)()
    other.post(reverse("workshop:join_group", args=[running.code]), {"action": "existing", "group": group.pk})
    assert other.session[SESSION_KEY] == {running.code: group.pk}
    flipover = reverse("workshop:flipover", args=[running.code])
    client.post(flipover, {"question": "1", "text": "Eerst luisteren"})
    other.post(flipover, {"question": "1", "text": "Dan pas kiezen"})
    html = client.get(flipover).content.decode()
    assert "Eerst luisteren" in html and "Dan pas kiezen" in html


def test_group_name_taken_and_html_name_refused(client, running):
    join(client, running, "Tafel 1")
    response = client.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": "TAFEL 1"})
    assert response.status_code == 400 and "al gekozen" in response.content.decode()
    response = client.post(reverse("workshop:join_group", args=[running.code]), {"action": "new", "name": XSS})
    assert response.status_code == 400 and "<script>alert" not in response.content.decode()


def test_flipover_without_joining_sends_to_the_group_choice(client, running):
    response = client.get(reverse("workshop:flipover", args=[running.code]))
    assert response.status_code == 302 and response["Location"].endswith(f"/doe-mee/{running.code}/")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "De notitie is leeg"), ("a" * 300, "300 tekens"), (XSS, "bevat HTML of code")],
)
def test_bad_notes_show_a_dutch_message_and_store_nothing(client, running, text, message):
    join(client, running)
    response = client.post(reverse("workshop:flipover", args=[running.code]), {"question": "2", "text": text})
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="note-q2-help note-q2-error"' in html
    assert "<script>" not in html
    assert Note.objects.count() == 0


def test_a_stored_script_text_is_always_escaped(client, facilitator, running):
    group = join(client, running)
    # Written past the service (e.g. an old import): the pages must still escape it.
    Note.objects.create(group=group, question=running.questions.get(number=1), text=XSS)
    services.workshop_set_phase(workshop=running, phase=Phase.RONDGANG)
    pages = [
        client.get(reverse("workshop:flipover", args=[running.code])),
        facilitator.get(reverse("workshop:projector", args=[running.code])),
    ]
    services.workshop_set_phase(workshop=running, phase=Phase.THREADS)
    pages.append(facilitator.get(reverse("workshop:threads", args=[running.pk])))
    pages.append(facilitator.get(reverse("workshop:projector_live", args=[running.code])))
    for response in pages:
        assert "<script>alert" not in response.content.decode()
    for response in pages[:3]:  # the live projector shows thread labels only
        assert "&lt;script&gt;" in response.content.decode()


def test_htmx_add_returns_the_question_section(client, running):
    join(client, running)
    response = client.post(
        reverse("workshop:flipover", args=[running.code]),
        {"question": "3", "text": "Raad vooraf"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="vraag-3"' in html and "Raad vooraf" in html
    assert "<html" not in html and "data-pmx-focus" in html


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "polls"}}


def test_flipover_poll_is_empty_when_nothing_changed_and_cheap(
    client, running, django_assert_max_num_queries, settings
):
    # The poll's own queries; the rate-limit counters live in the shared cache (Redis in production; the
    # database cache without REDIS_URL adds a few queries per request).
    settings.CACHES = LOCAL_CACHE
    group = join(client, running)
    live = reverse("workshop:flipover_live", args=[running.code])
    group.refresh_from_db()
    key = f"g{group.version}-groups"
    with django_assert_max_num_queries(2):  # the session, and the key
        response = client.get(live, {"v": key})
    assert response.status_code == 204 and response.content == b""
    services.note_add(group=group, question=running.questions.get(number=1), text="Nieuw")
    response = client.get(live, {"v": key})
    html = response.content.decode()
    assert response.status_code == 200 and "Nieuw" in html and 'hx-swap-oob="true"' in html
    assert f"v=g{group.version + 1}-groups" in html


def test_projector_poll_is_empty_when_nothing_changed(client, running, django_assert_max_num_queries, settings):
    settings.CACHES = LOCAL_CACHE
    running.refresh_from_db()
    live = reverse("workshop:projector_live", args=[running.code])
    key = f"w{running.version}-groups"
    with django_assert_max_num_queries(1):
        response = client.get(live, {"v": key})
    assert response.status_code == 204
    response = client.get(live, {"v": "w0-groups"})
    assert response.status_code == 200 and response["ETag"] == f'"{key}"'
    assert client.get(reverse("workshop:projector_live", args=["ZZZZZZ"])).status_code in (404,)


def test_projector_shows_timer_as_text_without_js(client, running):
    html = client.get(reverse("workshop:projector", args=[running.code])).content.decode()
    assert 'role="timer"' in html and ("nog 20:00" in html or "nog 19:59" in html)
    assert "workshop/projector.css" in html
    timer = client.get(reverse("workshop:projector_timer", args=[running.code])).content.decode()
    assert "nog 19:5" in timer or "nog 20:00" in timer


def test_rondgang_shows_all_groups_side_by_side_for_the_chosen_question(facilitator, running):
    for name, text in (("Noord", "Informeren"), ("Zuid", "Meebeslissen")):
        g = services.group_create(workshop=running, name=name)
        services.note_add(group=g, question=running.questions.get(number=2), text=text)
    facilitator.post(reverse("workshop:advance", args=[running.pk]), {"from": "groups"})
    facilitator.post(reverse("workshop:question", args=[running.pk]), {"number": "2"})
    html = facilitator.get(reverse("workshop:projector", args=[running.code])).content.decode()
    assert "Rondgang · vraag 2" in html
    assert html.index("Noord") < html.index("Informeren") < html.index("Zuid") < html.index("Meebeslissen")


def test_note_edit_conflict_shows_both_texts_and_merges(client, running):
    group = join(client, running)
    note = services.note_add(group=group, question=running.questions.get(number=1), text="Informeren")
    url = reverse("workshop:note_edit", args=[running.code, note.pk])
    services.note_update(group=group, note_id=note.pk, text="Informeren en luisteren", version=1)
    response = client.post(url, {"text": "Informeren in fasen", "version": "1", "action": "save"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Informeren en luisteren" in html and "Informeren in fasen" in html
    assert re.search(r'<input type="hidden" name="version"[^>]* value="2"', html)
    assert "Samengevoegde tekst" in html
    assert Note.objects.get(pk=note.pk).text == "Informeren en luisteren"
    response = client.post(url, {"text": "Informeren en luisteren, in fasen", "version": "2", "action": "save"})
    assert response.status_code == 302
    assert Note.objects.get(pk=note.pk).text == "Informeren en luisteren, in fasen"


def test_note_edit_refuses_bad_text_and_a_tampered_version(client, running):
    group = join(client, running)
    note = services.note_add(group=group, question=running.questions.get(number=1), text="Informeren")
    url = reverse("workshop:note_edit", args=[running.code, note.pk])
    html = client.get(url).content.decode()
    assert "Informeren</textarea>" in html and 'maxlength="280"' in html
    response = client.post(url, {"text": "\u200b", "version": "1", "action": "save"})
    html = response.content.decode()
    assert response.status_code == 400 and "De notitie is leeg" in html and 'aria-invalid="true"' in html
    for version in ("", "abc", "0", "9" * 40):
        response = client.post(url, {"text": "Anders", "version": version, "action": "save"})
        assert response.status_code == 400 and "niet compleet" in response.content.decode(), version
    assert Note.objects.get(pk=note.pk).text == "Informeren"
    response = client.post(url, {"text": "", "version": "1", "action": "delete"})
    assert response.status_code == 302 and not Note.objects.filter(pk=note.pk).exists()


def test_thread_actions_and_export(facilitator, running):
    for name, text in (("Noord", "Draagvlak voor het warmtenet"), ("Zuid", "Draagvlak vergroten")):
        g = services.group_create(workshop=running, name=name)
        services.note_add(group=g, question=running.questions.get(number=1), text=text)
    services.workshop_set_phase(workshop=running, phase=Phase.THREADS)
    thread = running.threads.first()
    url = reverse("workshop:thread_action", args=[running.pk, thread.pk])
    facilitator.post(url, {"action": "rename", "label": "Draagvlak is de kern"})
    facilitator.post(url, {"action": "pin"})
    response = facilitator.post(url, {"action": "rename", "label": XSS}, follow=True)
    assert "bevat HTML of code" in response.content.decode()
    thread.refresh_from_db()
    assert thread.label == "Draagvlak is de kern" and thread.pinned and thread.renamed
    html = facilitator.get(reverse("workshop:threads", args=[running.pk])).content.decode()
    assert "Draagvlak is de kern" in html and "2 groepen" in html

    from docx import Document

    response = facilitator.get(reverse("workshop:export", args=[running.pk, "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    cells = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
    assert "Rode draden" in text and "Draagvlak is de kern" in cells and "Noord" in text
    response = facilitator.get(reverse("workshop:export", args=[running.pk, "pdf"]))
    assert response.content.startswith(b"%PDF")
    assert facilitator.get(reverse("workshop:export", args=[running.pk, "exe"])).status_code == 404


def test_group_to_plan_shows_the_mapping_then_creates_a_draft_plan(facilitator, running):
    from participatiemix.plans.models import Plan

    group = services.group_create(workshop=running, name="Zuid")
    q = {q.number: q for q in running.questions.all()}
    for number, text in (
        (1, "Agendavorming: ophalen wat er leeft"),
        (2, "Wij wilden eigenlijk een referendum"),
        (2, "Huurders en jongeren via school"),
        (3, "Lange adem van de organisatie"),
    ):
        services.note_add(group=group, question=q[number], text=text)
    url = reverse("workshop:to_plan", args=[running.pk, group.pk])
    html = facilitator.get(url).content.decode()
    assert "Agendavorming" in html and "Referendum" in html and "Huurders" in html and "Jongeren" in html
    assert "Lange adem van de organisatie" in html  # unmapped, listed
    assert "Instrumentele benadering" in html  # the advisor comments on starting from an instrument
    assert Plan.objects.count() == 0
    response = facilitator.post(url, _data(running, group))
    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.origin == "werksessie"
    assert plan.case_data["starting_instrument"] == "referendum"
    assert plan.case_data["target_groups"] == ["tenants", "youth"]


def test_group_without_notes_cannot_become_a_plan(facilitator, running):
    from participatiemix.plans.models import Plan

    group = services.group_create(workshop=running, name="Leeg")
    url = reverse("workshop:to_plan", args=[running.pk, group.pk])
    assert "nog geen notities" in facilitator.get(url).content.decode()
    facilitator.post(url)
    assert Plan.objects.count() == 0


def test_demo_is_idempotent(db):
    from participatiemix.workshop import demo

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    workshop = Workshop.objects.get(code=demo.DEMO_CODE)
    from participatiemix.organisations.demo import demo_organisation

    assert workshop.organisation == demo_organisation()
    assert workshop.groups.count() == 6 and workshop.phase == Phase.THREADS
    assert workshop.threads.exists()
    assert Workshop.objects.filter(code=demo.DEMO_CODE).count() == 1


def test_too_many_join_attempts_get_a_friendly_429(client, settings):
    from participatiemix.workshop import views

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl-test"}}
    limit = int(views.JOIN_RATE.split("/")[0])
    statuses = [client.get("/werksessies/doe-mee/", {"code": "ZZZZZZ"}).status_code for _ in range(limit + 1)]
    assert statuses[-1] == 429
    html = client.get("/werksessies/doe-mee/", {"code": "ZZZZZZ"}).content.decode()
    assert "te veel verzoeken" in html


def test_draft_plan_belongs_to_the_workshops_organisation_not_the_users_first(
    client, make_user, organisation, other_organisation, running
):
    from participatiemix.organisations.models import Membership
    from participatiemix.organisations.roles import Role
    from participatiemix.plans.models import Plan

    user = make_user(Role.AMBTENAAR, other_organisation, username="in-twee-gemeenten")
    Membership.objects.create(user=user, organisation=organisation, role=Role.FACILITATOR)
    client.force_login(user)
    group = services.group_create(workshop=running, name="Zuid")
    services.note_add(group=group, question=running.questions.get(number=2), text="Wij wilden een referendum")
    client.post(reverse("workshop:to_plan", args=[running.pk, group.pk]), _data(running, group))
    assert Plan.objects.get().organisation == organisation
