"""What a keyboard user does, for the browser tests: move with Tab, type into a field, tick a choice, log in."""

from __future__ import annotations


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is met Tab niet bereikt op {page.url}")


def type_into(page, selector: str, text: str) -> None:
    """Focus the field, select what is in it and type over it."""
    page.locator(selector).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose(page, name: str, value: str) -> None:
    """Radio or checkbox by keyboard: focus it and press Space (ticks a checkbox only when it is not ticked)."""
    box = page.locator(f'input[name="{name}"][value="{value}"]')
    box.focus()
    if not box.is_checked():
        page.keyboard.press("Space")
    assert box.is_checked()


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in(page, url: str, username: str, password: str) -> None:
    """The staff login page at `url` (with ?next=...), by keyboard."""
    page.goto(url)
    type_into(page, "#id_username", username)
    type_into(page, "#id_password", password)
    press_enter_and_wait(page)
