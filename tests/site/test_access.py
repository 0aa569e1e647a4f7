"""Access matrix for the site-wide pages: public to everyone; logging out needs a POST."""

from tests.matrix import OK, PERSONAS, check

ROUTES = {"site:home", "site:accessibility", "site:about", "site:login", "site:logout", "set_language"}

EVERYONE_OK = dict.fromkeys(PERSONAS, OK)


def test_public_pages_open_for_everyone(persona_clients):
    for url in ("/", "/toegankelijkheid/", "/over/", "/inloggen/"):
        assert check(persona_clients, "GET", url, EVERYONE_OK) == []


def test_language_switch_and_logout_are_posts(persona_clients):
    assert check(persona_clients, "POST", "/i18n/setlang/", EVERYONE_OK, {"language": "en", "next": "/"}) == []
    assert check(persona_clients, "POST", "/uitloggen/", EVERYONE_OK) == []
    assert persona_clients["ambtenaar"].get("/organisatie/").status_code == 302, "logged out: back to the login"


def test_the_demo_plan_link_is_shown_only_to_who_may_read_it(persona_clients, organisation, other_organisation):
    from participatiemix.plans.models import Plan

    Plan.objects.create(title="Voorbeeld", origin="demo", organisation=organisation)
    link = "Voorbeeldplan bekijken"
    assert link in persona_clients["anonymous"].get("/").content.decode()  # leads to the login
    assert link in persona_clients["griffie"].get("/").content.decode()
    assert link not in persona_clients["other_org"].get("/").content.decode()
    assert link not in persona_clients["resident"].get("/").content.decode()
