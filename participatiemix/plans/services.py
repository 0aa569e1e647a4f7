"""Writes for plans: drafts, intake steps, versions of the advice, imports and instrument changes.

Every write runs in one transaction: a refused input stores nothing. A change to a complete plan
re-runs the advisor and stores a new PlanVersion; pages show the stored advice, never recompute it.
Every plan belongs to an organisation (the permission layer, site/permissions.py, decides who sees it).
An import is read, checked and advised before its short write transaction, so a large or hostile file
never holds the database's write lock.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from participatiemix.mix.case import Case, parse_case
from participatiemix.mix.errors import DataError
from participatiemix.mix.safe_load import load_case_text
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.plans import notes, texts
from participatiemix.plans.models import (
    PRECONDITION_FIELDS,
    SHARE_DAYS,
    Plan,
    PlanComment,
    PlanShareLink,
    PlanVersion,
    token_digest,
)
from participatiemix.plans.selectors import instrument_ids

LANGS = ("nl", "en")


# --------------------------------------------------------------------------- drafts and intake


def _split_preconditions(case_data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, bool]]:
    """Take the optional `preconditions` block off a case dict; refuse values that are not yes/no."""
    data = dict(case_data)
    block = data.pop("preconditions", None)
    if block is None:
        return data, {}
    if not isinstance(block, dict):
        raise DataError([_("preconditions: moet een lijst met velden zijn, bijvoorbeeld enough_time: true")])
    errors, values = [], {}
    for key, value in block.items():
        if key not in PRECONDITION_FIELDS:
            errors.append(
                _("preconditions.%(key)s: onbekend veld; toegestaan: %(allowed)s")
                % {"key": key, "allowed": ", ".join(PRECONDITION_FIELDS)}
            )
        elif value is not None and not isinstance(value, bool):
            errors.append(
                _("preconditions.%(key)s: %(value)r moet ja of nee zijn (true/false)") % {"key": key, "value": value}
            )
        elif value is not None:
            values[key] = value
    if errors:
        raise DataError(errors)
    return data, values


def _title_of(case_data: dict[str, Any]) -> tuple[str, str]:
    title = case_data.get("title")
    municipality = case_data.get("municipality")
    return (
        title.strip()[:300] if isinstance(title, str) else "",
        municipality.strip()[:200] if isinstance(municipality, str) else "",
    )


def owner_for(user):
    """The organisation a plan made by `user` belongs to when the caller names none: their first membership."""
    from participatiemix.organisations.models import Organisation

    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Organisation.objects.filter(memberships__user=user).order_by("memberships__id").first()


def _require_owner(organisation, created_by):
    organisation = organisation or owner_for(created_by)
    if organisation is None:
        raise DataError([_("Een plan hoort bij een organisatie. U bent nog geen lid van een organisatie.")])
    return organisation


@transaction.atomic
def draft_plan_create(*, case_data: dict, created_by=None, origin: str = "", organisation=None) -> Plan:
    """Store a possibly incomplete case as a draft plan of `organisation`; the user finishes it in the intake.

    `plan.get_absolute_url()` opens the plan, which sends an editor to the first incomplete step. A
    `preconditions` block (room_for_influence, enough_time, commitment, capacity: true/false) is taken over.
    Without `organisation` the plan goes to the first organisation `created_by` is a member of.
    """
    organisation = _require_owner(organisation, created_by)
    if not isinstance(case_data, dict):
        raise DataError(
            [_("(casus): verwacht een lijst met velden (object), geen %(kind)s") % {"kind": type(case_data).__name__}]
        )
    data, pre = _split_preconditions(copy.deepcopy(case_data))
    title, municipality = _title_of(data)
    return Plan.objects.create(
        organisation=organisation,
        title=title,
        municipality=municipality,
        case_data=data,
        origin=origin[:100],
        created_by=_user(created_by),
        **pre,
    )


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@transaction.atomic
def plan_start(*, case_update: dict[str, Any], created_by=None, organisation=None) -> Plan:
    """Step 1 of a new plan: the question, scale and municipality."""
    return draft_plan_create(case_data=case_update, created_by=created_by, origin="intake", organisation=organisation)


@transaction.atomic
def plan_step_save(*, plan: Plan, case_update: dict[str, Any], plan_update: dict[str, Any], step: int, user=None):
    """Merge one validated step into the draft. A complete plan gets a new version when something changed.

    The advisor runs before the first write, so SQLite's write lock is not held while it thinks.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    case = dict(plan.case_data or {})
    case.update(case_update)
    plan.case_data = case
    for key, value in plan_update.items():
        setattr(plan, key, value)
    plan.title, plan.municipality = _title_of(case) if "title" in case_update else (plan.title, plan.municipality)
    parsed, advice = _changed_advice(plan)
    plan.save()
    if advice is None:
        return plan, None
    version = _store_version(
        plan=plan,
        case=parsed,
        choices=plan.latest_version.choices,
        advice=advice,
        user=user,
        note=notes.code("step", step),
    )
    return plan, version


def _changed_advice(plan: Plan) -> tuple[Case | None, dict | None]:
    """(case, advice) when a complete plan's case or preconditions differ from its latest version; else Nones."""
    if plan.latest_version_id is None:
        return None, None
    try:
        parsed = _parse(plan.case_data)
    except DataError:
        return None, None
    latest = plan.latest_version
    if parsed.contract_dict() == latest.case and plan.preconditions == latest.preconditions:
        return None, None
    return parsed, _advice_both(case=parsed, choices=latest.choices, preconditions=plan.preconditions)


@transaction.atomic
def plan_advise(*, plan: Plan, user=None, note: str = "") -> PlanVersion:
    """Finish the intake: validate the whole case, run the advisor and store the first (or a new) version."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    case = _parse(plan.case_data)
    choices = plan.latest_version.choices if plan.latest_version_id else {}
    return _new_version(plan=plan, case=case, choices=choices, user=user, note=note or notes.code("advice"))


def _parse(case_data: dict[str, Any]) -> Case:
    return parse_case(case_data, instrument_ids=instrument_ids())


# --------------------------------------------------------------------------- import


def plan_import(*, text: str | bytes, filename: str = "", created_by=None, organisation=None) -> Plan:
    """A case file (YAML/JSON) becomes a plan with its first version; a refused file stores nothing.

    Reading (within the size, depth and alias limits of mix.safe_load), validation and both advices run
    before the transaction; the transaction only writes the plan and its version.
    """
    organisation = _require_owner(organisation, created_by)
    raw = load_case_text(text, filename=filename)
    pre: dict[str, bool] = {}
    if isinstance(raw, dict) and "preconditions" in raw:
        try:
            raw, pre = _split_preconditions(raw)
        except DataError as exc:
            raise DataError([f"{filename}: {m}" if filename else m for m in exc.messages]) from None
    case = parse_case(raw, filename or None, instrument_ids=instrument_ids())
    advice = _advice_both(case=case, choices={}, preconditions={n: pre.get(n) for n in PRECONDITION_FIELDS})
    with transaction.atomic():
        plan = Plan.objects.create(
            organisation=organisation,
            title=case.title,
            municipality=case.municipality,
            case_data=case.contract_dict(),
            origin="import",
            created_by=_user(created_by),
            **pre,
        )
        _store_version(
            plan=plan,
            case=case,
            choices={},
            advice=advice,
            user=created_by,
            note=notes.code("import", filename),
        )
    return plan


# --------------------------------------------------------------------------- instrument changes


def apply_choice(
    choices: dict[str, dict[str, list[str]]], *, phase: str, action: str, instrument: str, replacement: str = ""
) -> dict[str, dict[str, list[str]]]:
    """The user's choices after one change. An id is never both included and excluded in a phase."""
    out = copy.deepcopy(choices or {})
    entry = out.setdefault(phase, {"include": [], "exclude": []})
    entry.setdefault("include", [])
    entry.setdefault("exclude", [])

    def drop(iid: str) -> None:
        entry["include"] = [i for i in entry["include"] if i != iid]
        if iid not in entry["exclude"]:
            entry["exclude"].append(iid)

    def keep(iid: str) -> None:
        entry["exclude"] = [i for i in entry["exclude"] if i != iid]
        if iid not in entry["include"]:
            entry["include"].append(iid)

    if action == "remove":
        drop(instrument)
    elif action == "add":
        keep(instrument)
    elif action == "replace":
        drop(instrument)
        keep(replacement)
    else:
        raise ValueError(f"unknown action {action!r}")
    return out


@transaction.atomic
def plan_instrument_change(
    *, plan: Plan, phase: str, action: str, instrument: str, replacement: str = "", user=None
) -> PlanVersion:
    """Remove, add or replace an instrument in a phase; the advisor re-checks coverage and warnings."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = plan.latest_version
    if latest is None:
        raise DataError([_("Dit plan heeft nog geen advies. Maak eerst de intake af.")])
    vocab = load_vocabulary()
    phase_label = vocab.label("phases", phase)
    advice_phase = next((p for p in latest.advice.get("phases", []) if p.get("phase") == phase), None)
    if advice_phase is None:
        allowed = ", ".join(p.get("phase", "") for p in latest.advice.get("phases", []))
        raise DataError(
            [_("fase: %(phase)r zit niet in dit plan; toegestaan: %(allowed)s") % {"phase": phase, "allowed": allowed}]
        )
    in_mix = [i["id"] for i in advice_phase.get("instruments", [])]
    name = vocab.label("instruments", instrument)
    if action in ("remove", "replace") and instrument not in in_mix:
        raise DataError(
            [_("instrument: %(name)s staat niet in de mix van %(phase)s.") % {"name": name, "phase": phase_label}]
        )
    if action == "add" and instrument in in_mix:
        raise DataError(
            [_("instrument: %(name)s staat al in de mix van %(phase)s.") % {"name": name, "phase": phase_label}]
        )
    if action == "replace" and (replacement == instrument or replacement in in_mix):
        raise DataError(
            [
                _("vervangen door: kies een instrument dat nog niet in de mix van %(phase)s staat.")
                % {"phase": phase_label}
            ]
        )
    choices = apply_choice(latest.choices, phase=phase, action=action, instrument=instrument, replacement=replacement)
    case = _parse(latest.case)
    return _new_version(
        plan=plan,
        case=case,
        choices=choices,
        user=user,
        note=notes.code(action, phase, instrument, *([replacement] if action == "replace" else [])),
    )


# --------------------------------------------------------------------------- versions and advice


def run_advice(*, case: Case, choices: dict, preconditions: dict[str, bool | None], lang: str = "nl") -> dict:
    """The advisor's advice plus the honest verdict of the intake's preconditions."""
    from participatiemix.mix.advisor import advise

    advice = advise(case, lang=lang, choices=choices or None)
    with translation.override(lang):
        return with_preconditions(advice, preconditions)


def with_preconditions(advice: dict, preconditions: dict[str, bool | None]) -> dict:
    """Add the intake's answers to the advice's preconditions, and a verdict: go, inform only, or not yet."""
    advice = dict(advice)
    items = [dict(p) for p in advice.get("preconditions") or []]
    known = {p.get("id") for p in items}
    for name in PRECONDITION_FIELDS:
        value = preconditions.get(name)
        if value is None:
            continue
        ok_text, fail_text = texts.PRECONDITION_TEXT[name]
        if name in known:
            # The intake's "no" overrides an optimistic reading of the case; never the other way round.
            for p in items:
                if p.get("id") == name and value is False and p.get("ok"):
                    p.update(ok=False, message=str(fail_text))
            continue
        items.append({"id": name, "ok": value, "message": str(ok_text if value else fail_text)})
    advice["preconditions"] = items
    # The verdict rests on the intake's four questions (DOMAIN §4.1 gates 1 and 2); the advisor's other checks
    # (frames, budget, mandate) are listed and raise their own warnings, but do not stop the plan.
    failed = [p["id"] for p in items if p.get("ok") is False and p.get("id") in PRECONDITION_FIELDS]
    unanswered = [n for n in PRECONDITION_FIELDS if preconditions.get(n) is None and n not in known]
    if "room_for_influence" in failed:
        verdict = {
            "status": "inform_only",
            "message": _(
                "Er is geen ruimte voor invloed. Begin geen participatie die meer belooft dan informeren: "
                "dat wekt valse verwachtingen. Eerlijk en op tijd informeren is wel passend."
            ),
        }
    elif failed:
        verdict = {
            "status": "not_ready",
            "message": _(
                "Begin nog niet met participatie. Regel eerst wat hieronder ontbreekt. "
                "Lukt dat niet, informeer inwoners dan alleen eerlijk over wat er gaat gebeuren."
            ),
        }
    elif unanswered:
        verdict = {
            "status": "unknown",
            "message": _("Nog niet alle randvoorwaarden zijn beantwoord. Beantwoord ze in stap 2 van de intake."),
        }
    elif any(p.get("ok") is False for p in items):
        verdict = {
            "status": "go",
            "message": _(
                "De randvoorwaarden uit de intake zijn in orde. Regel vóór de start nog de punten die hieronder "
                "‘niet in orde’ zijn."
            ),
        }
    else:
        verdict = {"status": "go", "message": _("De randvoorwaarden zijn in orde. Participatie kan van start.")}
    advice["verdict"] = verdict
    return advice


def _choices_for(case: Case, choices: dict) -> dict:
    phases = {p.phase for p in case.phases}
    return {k: v for k, v in (choices or {}).items() if k in phases}


def _advice_both(*, case: Case, choices: dict, preconditions: dict) -> dict[str, dict]:
    choices = _choices_for(case, choices)
    return {lang: run_advice(case=case, choices=choices, preconditions=preconditions, lang=lang) for lang in LANGS}


def _new_version(*, plan: Plan, case: Case, choices: dict, user, note: str) -> PlanVersion:
    advice = _advice_both(case=case, choices=choices, preconditions=plan.preconditions)
    return _store_version(plan=plan, case=case, choices=choices, advice=advice, user=user, note=note)


def _store_version(*, plan: Plan, case: Case, choices: dict, advice: dict, user, note: str) -> PlanVersion:
    choices = _choices_for(case, choices)
    pre = plan.preconditions
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        case=case.contract_dict(),
        preconditions=pre,
        choices=choices,
        advice=advice["nl"],
        advice_en=advice["en"],
        note=str(note)[:500],
        created_by=_user(user),
    )
    plan.latest_version = version
    plan.case_data = case.contract_dict()
    plan.title, plan.municipality = case.title, case.municipality
    plan.save(update_fields=["latest_version", "case_data", "title", "municipality", "updated_at"])
    return version


# --------------------------------------------------------------------------- share links for the council


def share_link_create(*, plan: Plan, days: int, user=None) -> tuple[PlanShareLink, str]:
    """A new read-only link; returns the link and its token. Only the token's hash is stored."""
    if days not in SHARE_DAYS:
        raise DataError(
            [_("Kies hoe lang de link werkt: %(allowed)s dagen.") % {"allowed": ", ".join(map(str, SHARE_DAYS))}]
        )
    token = PlanShareLink.new_token()
    link = PlanShareLink.objects.create(
        plan=plan, token_hash=token_digest(token), created_by=_user(user), expires_at=PlanShareLink.expiry(days)
    )
    return link, token


def share_link_revoke(*, link: PlanShareLink, user=None) -> PlanShareLink:
    """Stop a link now; who and when are kept (a link revoked twice keeps the first)."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = _user(user)
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def share_link_plan(*, token: str) -> Plan | None:
    """The plan behind an active link, or None (unknown, expired or revoked all look the same)."""
    if not token or len(token) > 100:
        return None
    link = (
        PlanShareLink.objects.active()
        .select_related("plan", "plan__latest_version")
        .filter(token_hash=token_digest(token))
        .first()
    )
    return link.plan if link is not None else None


# --------------------------------------------------------------------------- comments


def comment_add(*, plan: Plan, text: str, user) -> PlanComment:
    version = plan.latest_version
    return PlanComment.objects.create(
        plan=plan, version_number=version.number if version else 0, author=_user(user), text=text
    )


def comment_delete(*, comment: PlanComment) -> None:
    comment.delete()
