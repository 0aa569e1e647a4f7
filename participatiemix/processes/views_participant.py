"""Residents' own pages: the voluntary profile per process and "Mijn inbreng" (see, withdraw, download, delete).

Whose things are shown: the logged-in account's participants, plus the anonymous participants whose keys this
browser's session holds. Anything else is a 404, so nobody can tell another person's input exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from participatiemix.processes import registry, services
from participatiemix.processes.forms_participant import DeleteAccountForm, ProfileForm
from participatiemix.processes.models import Activity, Contribution, Participant, Process, Profile
from participatiemix.site.accounts import remember_lang
from participatiemix.site.downloads import download_response
from participatiemix.site.permissions import org_roles

# --------------------------------------------------------------------------- whose things


def _my_participants(request: HttpRequest) -> list[Participant]:
    """This person's participants: the account's and this browser's anonymous ones, with process and profile."""
    ids = {p.pk for p in services.participants_of_session(request)}
    queryset = Participant.objects.select_related("process", "profile")
    if request.user.is_authenticated:
        return list(queryset.filter(user=request.user)) + list(queryset.filter(pk__in=ids))
    return list(queryset.filter(pk__in=ids)) if ids else []


def _my_contributions(participants: list[Participant]):
    return (
        Contribution.objects.filter(participant__in=[p.pk for p in participants])
        .select_related("activity__phase__process")
        .order_by(
            "-activity__phase__process__created_at",
            "activity__phase__position",
            "activity__position",
            "activity_id",
            "-created_at",
        )
    )


def _own_contribution_or_404(request: HttpRequest, pk: int) -> Contribution:
    participants = _my_participants(request)
    return get_object_or_404(
        Contribution.objects.select_related("activity__phase__process"),
        pk=pk,
        participant__in=[p.pk for p in participants],
    )


def _contribution_url(contribution: Contribution) -> str | None:
    try:
        runner = registry.get(contribution.activity.app)
    except KeyError:  # an app that is no longer installed: the summary is all there is
        return None
    return runner.contribution_url(contribution)


# --------------------------------------------------------------------------- "Mijn inbreng"


@dataclass
class ActivityGroup:
    activity: Activity
    rows: list[tuple[Contribution, str | None]] = field(default_factory=list)


@dataclass
class ProcessGroup:
    process: Process
    profile: Profile | None = None
    activities: list[ActivityGroup] = field(default_factory=list)


def _grouped(participants: list[Participant], contributions) -> list[ProcessGroup]:
    groups: dict[int, ProcessGroup] = {}
    for p in participants:
        group = groups.setdefault(p.process_id, ProcessGroup(process=p.process))
        group.profile = group.profile or getattr(p, "profile", None)
    for c in contributions:
        process = c.activity.phase.process
        group = groups.setdefault(process.pk, ProcessGroup(process=process))
        if not group.activities or group.activities[-1].activity.pk != c.activity_id:
            group.activities.append(ActivityGroup(activity=c.activity))
        group.activities[-1].rows.append((c, _contribution_url(c)))
    return sorted(groups.values(), key=lambda g: g.process.created_at, reverse=True)


@require_GET
@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    remember_lang(request.user)
    participants = _my_participants(request)
    groups = _grouped(participants, _my_contributions(participants))
    total = sum(len(a.rows) for g in groups for a in g.activities)
    return render(request, "processes/mine.html", {"groups": groups, "total": total})


@require_http_methods(["GET", "POST"])
@never_cache
def mine_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _own_contribution_or_404(request, pk)
    if request.method == "POST":
        services.contribution_withdraw(contribution=contribution)
        messages.success(request, _("Uw inbreng is ingetrokken en verwijderd."))
        return redirect("processes:mine")
    return render(request, "processes/mine_withdraw.html", {"contribution": contribution})


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _contribution_data(c: Contribution) -> dict:
    return {
        "id": c.pk,
        "process": c.activity.phase.process.slug,
        "activity": c.activity.title,
        "instrument": c.activity.instrument,
        "kind": c.kind,
        "source": c.source,
        "summary": c.summary,
        "text": c.text,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "response": c.response,
        "created_at": _iso(c.created_at),
        "status_changed_at": _iso(c.status_changed_at),
    }


def _profile_data(p: Participant) -> dict | None:
    profile = getattr(p, "profile", None)
    if profile is None:
        return None
    return {
        "process": p.process.slug,
        "age_band": profile.age_band,
        "district": profile.district,
        "target_groups": profile.target_groups,
    }


def _instrument_data(participants: list[Participant]) -> dict[str, list[dict]]:
    """Each app's own records of this person, asked per participant (the registry's `personal_data` takes a
    Participant: an account's and this browser's anonymous ones alike)."""
    data = {}
    for runner in registry.all_instruments():
        rows = [row for p in participants for row in runner.personal_data(p)]
        if rows:
            data[runner.app] = rows
    return data


@require_GET
@never_cache
def mine_download(request: HttpRequest) -> HttpResponse:
    participants = _my_participants(request)
    user = request.user
    data = {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        }
        if user.is_authenticated
        else None,
        "participations": [
            {
                "process": p.process.slug,
                "title": p.process.title,
                "since": _iso(p.created_at),
                "anonymous": not p.user_id,
            }
            for p in participants
        ],
        "profiles": [d for d in (_profile_data(p) for p in participants) if d],
        "contributions": [_contribution_data(c) for c in _my_contributions(participants)],
        "instruments": _instrument_data(participants),
    }
    content = json.dumps(data, ensure_ascii=False, indent=2)
    return download_response(content, stem="mijn-gegevens-participatiemix", extension="json")


def _is_staff(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser or bool(org_roles(user)))


@require_http_methods(["GET", "POST"])
@never_cache
def mine_delete(request: HttpRequest) -> HttpResponse:
    """Delete everything of this person: the account (with its participations, profiles and input: they
    cascade), or for a browser without an account, the participants this browser holds."""
    user = request.user
    if _is_staff(user):
        return render(request, "processes/mine_delete.html", {"staff": True}, status=403)
    participants = _my_participants(request)
    counts = {
        "participations": len(participants),
        "profiles": sum(1 for p in participants if getattr(p, "profile", None) is not None),
        "contributions": Contribution.objects.filter(participant__in=[p.pk for p in participants]).count(),
    }
    form = DeleteAccountForm(request.POST or None, user=user) if user.is_authenticated else None
    if request.method == "POST" and (form is None or form.is_valid()):
        with transaction.atomic():
            Participant.objects.filter(pk__in=[p.pk for p in participants]).delete()
            if user.is_authenticated:
                logout(request)
                user.delete()
            else:
                request.session.pop(services.SESSION_KEY, None)
        messages.success(request, _("Uw gegevens zijn verwijderd."))
        return redirect("site:home")
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "processes/mine_delete.html", {"form": form, "counts": counts}, status=status)


# --------------------------------------------------------------------------- the voluntary profile


@require_http_methods(["GET", "POST"])
@never_cache
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(
        Process.objects.exclude(status=Process.Status.DRAFT).select_related("plan_version"), slug=slug
    )
    remember_lang(request.user)
    participant = services.participant_for(process=process, request=request, create=False)
    current = Profile.objects.filter(participant=participant).first() if participant else None
    initial = (
        {"age_band": current.age_band, "district": current.district, "target_groups": current.target_groups}
        if current
        else {}
    )
    form = ProfileForm(request.POST or None, process=process, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Only now a participant is made (for a browser without one): viewing or a refused form stores nothing.
        participant = participant or services.participant_for(process=process, request=request)
        services.profile_save(
            participant=participant,
            age_band=form.cleaned_data.get("age_band", ""),
            district=form.cleaned_data.get("district", ""),
            target_groups=form.cleaned_data.get("target_groups", []),
        )
        messages.success(request, _("Dank u wel. Uw antwoorden zijn opgeslagen."))
        return redirect("processes:profile", slug=process.slug)
    status = 400 if form.is_bound else 200
    return render(
        request, "processes/profile.html", {"process": process, "form": form, "saved": current}, status=status
    )
