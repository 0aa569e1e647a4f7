"""Sessions end after inactivity.

The session store expires a session SESSION_COOKIE_AGE after it was last saved (server-side; the cookie is a
browser-session cookie besides). Activity keeps a logged-in session alive by saving it again, at most once a
minute: saving on every request (SESSION_SAVE_EVERY_REQUEST) would write the database on every poll.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SEEN_KEY = "_pmx_seen"
RESAVE_AFTER_SECONDS = 60


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(timezone.now().timestamp())
            if now - int(request.session.get(SEEN_KEY, 0)) >= RESAVE_AFTER_SECONDS:
                request.session[SEEN_KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL character in the address or the query is never meant; PostgreSQL refuses it in a query (a 500).

    Answer with the Dutch 400 page before any view or database lookup sees it. Form fields are cleaned by the
    form toolkit; this covers URL parts (codes, tokens) and query parameters that no form reads.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "") or _nul_in(request.GET):
            from participatiemix.site.views import bad_request

            return bad_request(request)
        return self.get_response(request)


def _nul_in(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())
