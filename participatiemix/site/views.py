"""Site-wide pages: home, accessibility statement, about, error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from participatiemix.organisations.roles import Ability
from participatiemix.plans.models import Plan
from participatiemix.site.permissions import has_ability


def home(request: HttpRequest) -> HttpResponse:
    # The demo plan (`make run`) is the quickest way to see what an advice looks like. Anonymous visitors get the
    # link (it asks them to log in); a logged-in user only when their organisation may read it.
    demo_plan = Plan.objects.filter(origin="demo").only("pk", "organisation_id").first()
    if demo_plan and request.user.is_authenticated and not has_ability(request.user, Ability.VIEW, demo_plan):
        demo_plan = None
    return render(request, "site/home.html", {"demo_plan": demo_plan})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "site/accessibility.html")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "site/about.html")


def favicon(request: HttpRequest) -> HttpResponse:
    # The hashed name is only known once collectstatic ran: resolve it per request, not at import.
    return redirect(static("site/favicon.svg"), permanent=True)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the usual context processors' risky parts: never a stack trace.
    return render(request, "500.html", status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def ratelimited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "site/message.html",
        {
            "title": _("Even geduld"),
            "text": _("U heeft te veel verzoeken kort na elkaar gedaan. Probeer het over een minuut opnieuw."),
        },
        status=429,
    )
