import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/toegankelijkheid/", "/over/", "/inloggen/"])
def test_site_pages_render_in_dutch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html  # skip link
    assert "Participatiemix" in html


def test_unknown_page_is_a_styled_404_without_trace(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Traceback" not in html


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_server_error_page_hides_the_trace(client, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("geheim detail")

    import participatiemix.site.urls as root

    settings.ROOT_URLCONF = type(
        "U", (), {"urlpatterns": [path("boom/", boom)] + root.urlpatterns, "handler500": root.handler500}
    )
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "geheim detail" not in html


def test_favicon_ico_points_at_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("site/favicon.svg")


@pytest.mark.parametrize(
    "url",
    [
        "/zelfscan/doe-mee/a%00b/",
        "/werksessies/beamer/a%00b/live/",
        "/werksessies/beamer/a%00b/tijd/",
        "/instrumenten/?q=a%00b",
    ],
)
def test_a_nul_character_in_the_address_is_a_dutch_400_not_a_500(client, url):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 400
    assert "Dit verzoek klopt niet" in response.content.decode()
