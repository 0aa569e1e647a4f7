"""Issue 15, item 8: the beamer shows one rode-draden question per screen and a QR code with the join link."""

import re

import pytest
from django.urls import reverse

from participatiemix.workshop import services
from participatiemix.workshop.models import Phase

pytestmark = pytest.mark.django_db


def _threads_phase(running):
    for name, texts in (("Noord", ("Raad vroeg betrekken", "Inloopavond")), ("Zuid", ("Raad vroeg betrekken",))):
        group = services.group_create(workshop=running, name=name)
        for number, text in enumerate(texts, start=1):
            services.note_add(group=group, question=running.questions.get(number=number), text=text)
    return services.workshop_set_phase(workshop=running, phase=Phase.THREADS)


def test_the_beamer_shows_one_question_per_screen_with_previous_and_next(client, running):
    _threads_phase(running)
    url = reverse("workshop:projector", args=[running.code])
    first = client.get(url).content.decode()
    questions = list(running.questions.all())
    assert "Vraag 1 van 3" in first and questions[0].text in first
    assert questions[1].text not in first and questions[2].text not in first
    assert 'rel="next" href="?vraag=2"' in first and 'rel="prev"' not in first
    second = client.get(url, {"vraag": "2"}).content.decode()
    assert "Vraag 2 van 3" in second and questions[1].text in second and questions[0].text not in second
    assert 'rel="prev" href="?vraag=1"' in second and 'rel="next" href="?vraag=3"' in second
    last = client.get(url, {"vraag": "99"}).content.decode()
    assert "Vraag 3 van 3" in last and 'rel="next"' not in last
    for junk in ("0", "-1", "abc", "1e9", "١"):
        assert "Vraag 1 van 3" in client.get(url, {"vraag": junk}).content.decode()
    # The poll keeps the question on screen; the keys live in a static file (CSP: no inline script).
    live = client.get(reverse("workshop:projector_live", args=[running.code]), {"vraag": "2"}).content.decode()
    assert "vraag=2" in live and "Vraag 2 van 3" in live
    assert "workshop/projector.js" in second and "<script>" not in second


def test_the_waiting_screen_shows_a_qr_code_of_the_join_link_made_on_the_server(client, running):
    html = client.get(reverse("workshop:projector", args=[running.code])).content.decode()
    join_url = f"http://testserver/werksessies/doe-mee/{running.code}/"
    assert '<svg role="img"' in html and "beamer-qr__svg" in html and join_url in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "style=" not in svg and "<script" not in svg and "http" not in svg.split("<title>")[0]
    assert "Scan om mee te doen" in html


def test_the_qr_code_decodes_to_the_join_link():
    import segno

    from participatiemix.workshop.qr import qr_svg

    url = "https://participatie.example.nl/werksessies/doe-mee/ABC234/"
    svg = qr_svg(url, title="x")
    assert svg.startswith('<svg role="img"') and "viewBox" in svg
    # The same matrix segno encodes for the URL (decoding needs a camera library; compare the matrix instead).
    expected = segno.make(url, error="m", micro=False).svg_inline(scale=1, omitsize=True)
    assert re.search(r' d="([^"]+)"', svg).group(1) == re.search(r' d="([^"]+)"', expected).group(1)
