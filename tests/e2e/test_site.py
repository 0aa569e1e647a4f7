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
