"""Reads for plans: lists, one plan with its latest version, the advice dressed with labels, comparisons."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from django.db.models import Count, QuerySet

from participatiemix.mix.errors import DataError
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.plans.models import PRECONDITION_FIELDS, Plan, PlanComment, PlanShareLink, PlanVersion


@cache
def _catalogue():
    from participatiemix.mix.catalogue import load_catalogue

    try:
        return load_catalogue()
    except DataError:
        # A refused catalogue is reported by `load_demo` and the catalogue pages; ids still come from the vocabulary.
        return None


def instrument_ids() -> list[str]:
    vocab_ids = load_vocabulary().ids("instruments")
    catalogue = _catalogue()
    extra = [i.id for i in catalogue if i.id not in vocab_ids] if catalogue else []
    return vocab_ids + extra


def instrument_label(instrument_id: str, lang: str = "nl") -> str:
    catalogue = _catalogue()
    inst = catalogue.get(instrument_id) if catalogue else None
    return inst.label(lang) if inst else load_vocabulary().label("instruments", instrument_id, lang)


def in_catalogue(instrument_id: str) -> bool:
    """Whether the catalogue has a page for this instrument (a link to a missing page would be a dead end)."""
    catalogue = _catalogue()
    return bool(catalogue and catalogue.get(instrument_id) is not None)


def instrument_choices(*, lang: str = "nl", phase: str | None = None) -> list[tuple[str, str]]:
    """Instruments as (id, name), sorted by name; with `phase`, those that fit that phase."""
    catalogue = _catalogue()
    ids = instrument_ids()
    if phase and catalogue:
        fitting = [i for i in ids if (inst := catalogue.get(i)) is not None and phase in inst.phases]
        ids = fitting or ids
    return sorted(((i, instrument_label(i, lang)) for i in ids), key=lambda c: c[1].lower())


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("latest_version", "created_by").annotate(version_count=Count("versions"))


def plan_queryset() -> QuerySet[Plan]:
    """Plans with what every plan page shows; the views scope it to the user (site/permissions.py)."""
    return Plan.objects.select_related("latest_version", "latest_version__created_by", "organisation")


def plan_get(*, pk: int) -> Plan:
    return plan_queryset().get(pk=pk)


def share_links_active(*, plan: Plan) -> QuerySet[PlanShareLink]:
    return plan.share_links.active().select_related("created_by")


def comment_list(*, plan: Plan, user) -> list[PlanComment]:
    """The comments on a plan, oldest first; each knows whether `user` may delete it."""
    comments = list(PlanComment.objects.filter(plan=plan).select_related("author", "plan"))
    for comment in comments:
        comment.can_delete = user.has_perm("plans.delete_plancomment", comment)
    return comments


def version_list(*, plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("created_by").defer("advice", "advice_en", "case").order_by("-number")


def version_get(*, plan: Plan, number: int) -> PlanVersion:
    return plan.versions.select_related("created_by").get(number=number)


# --------------------------------------------------------------------------- the advice with labels


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _range(values: Any) -> list[float] | None:
    if isinstance(values, list | tuple) and len(values) == 2:
        return [values[0], values[1]]
    return None


def advice_view(advice: dict[str, Any], *, lang: str = "nl") -> dict[str, Any]:
    """The stored advice JSON with labels in `lang` for templates and documents (pure: no queries)."""
    vocab = load_vocabulary()
    case = advice.get("case") or {}

    def label(section: str, id_: Any) -> str:
        return vocab.label(section, id_, lang) if isinstance(id_, str) else ""

    def group_list(ids) -> list[dict[str, str]]:
        return [{"id": g, "label": label("target_groups", g)} for g in ids or []]

    case_phases = {p.get("phase"): p for p in case.get("phases") or []}
    phases = []
    for p in advice.get("phases") or []:
        pid = p.get("phase")
        level = p.get("level") or case_phases.get(pid, {}).get("level")
        in_mix = [i.get("id") for i in p.get("instruments") or []]
        phases.append(
            {
                "id": pid,
                "label": label("phases", pid),
                "level": level,
                "level_label": label("levels", level),
                "promise": p.get("promise") or (vocab.promise(level, lang) if level else ""),
                "goals": [{"id": g, "label": label("goals", g)} for g in p.get("goals") or []],
                "weeks": _whole(case_phases.get(pid, {}).get("weeks")),
                "instruments": [
                    {
                        "id": i.get("id"),
                        "name": instrument_label(i.get("id"), lang),
                        "score": i.get("score"),
                        "reasons": i.get("reasons") or [],
                        "reaches": group_list(i.get("reaches")),
                    }
                    for i in p.get("instruments") or []
                ],
                "alternatives": [
                    {
                        "id": a.get("id"),
                        "name": instrument_label(a.get("id"), lang),
                        "score": a.get("score"),
                        "why_not": a.get("why_not") or "",
                    }
                    for a in p.get("alternatives") or []
                ],
                "not_suitable": [
                    {"id": n.get("id"), "name": instrument_label(n.get("id"), lang), "why": n.get("why") or ""}
                    for n in p.get("not_suitable") or []
                ],
                # Optional since the advisor added it; older stored versions lack the key and show nothing.
                "richer_options": [
                    {
                        "id": r.get("id"),
                        "name": instrument_label(r.get("id"), lang),
                        "why": r.get("why") or "",
                        "in_catalogue": in_catalogue(r.get("id")),
                    }
                    for r in p.get("richer_options") or []
                    if isinstance(r, dict) and isinstance(r.get("id"), str)
                ],
                "add_choices": [(i, n) for i, n in instrument_choices(lang=lang, phase=pid) if i not in in_mix],
                "mix_ids": in_mix,
            }
        )
    coverage = advice.get("coverage") or {}
    uncovered = set(coverage.get("uncovered") or [])
    coverage_rows = [
        {
            "id": g,
            "label": label("target_groups", g),
            "instruments": [{"id": i, "name": instrument_label(i, lang)} for i in instruments or []],
            "uncovered": g in uncovered or not instruments,
        }
        for g, instruments in (coverage.get("target_groups") or {}).items()
    ]
    requirements = advice.get("requirements") or {}
    estimate = advice.get("estimate") or {}
    return {
        "case": case,
        "title": case.get("title", ""),
        "question": case.get("policy_question", ""),
        "municipality": case.get("municipality", ""),
        "scale_label": label("scales", case.get("scale")),
        "council_room_label": label("council_room", (case.get("council") or {}).get("room")),
        "starting_instrument": (
            instrument_label(case["starting_instrument"], lang) if case.get("starting_instrument") else ""
        ),
        "verdict": advice.get("verdict") or {},
        "preconditions": [
            {"id": p.get("id"), "ok": p.get("ok"), "message": p.get("message", "")}
            for p in advice.get("preconditions") or []
        ],
        "phases": phases,
        "council_moments": [
            {
                "phase": m.get("phase"),
                "phase_label": label("phases", m.get("phase")),
                "moment": m.get("moment"),
                "moment_label": label("council_moments", m.get("moment")),
                "message": m.get("message", ""),
            }
            for m in advice.get("council_moments") or []
        ],
        "coverage": coverage_rows,
        "uncovered": [label("target_groups", g) for g in coverage.get("uncovered") or []],
        "warnings": [
            {
                "code": w.get("code"),
                "title": label("warnings", w.get("code")),
                "severity": w.get("severity") if w.get("severity") in ("info", "warning", "blocker") else "warning",
                "severity_label": label("severities", w.get("severity")),
                "phase": w.get("phase"),
                "phase_label": label("phases", w.get("phase")) if w.get("phase") else "",
                "message": w.get("message", ""),
            }
            for w in advice.get("warnings") or []
        ],
        "requirements": [
            {"id": kind, "label": label("requirement_kinds", kind), "items": requirements.get(kind) or []}
            for kind in ("competences", "preconditions", "council", "internal_organisation")
        ],
        "estimate": {
            "cost_eur": _range(estimate.get("cost_eur")),
            "staff_hours": _range(estimate.get("staff_hours")),
            "weeks": estimate.get("weeks"),
        },
    }


# --------------------------------------------------------------------------- comparisons


def _warning_key(w: dict[str, Any]) -> tuple:
    return (w.get("code"), w.get("phase"), w.get("message"))


def compare_advice(left: dict[str, Any], right: dict[str, Any], *, lang: str = "nl") -> dict[str, Any]:
    """What changed from `left` to `right`: per phase (level, goals, mix), warnings added and removed."""
    a, b = advice_view(left, lang=lang), advice_view(right, lang=lang)
    order = load_vocabulary().ids("phases")
    pa = {p["id"]: p for p in a["phases"]}
    pb = {p["id"]: p for p in b["phases"]}
    rows = []
    for pid in sorted(set(pa) | set(pb), key=lambda x: order.index(x) if x in order else 99):
        x, y = pa.get(pid), pb.get(pid)
        xi = {i["id"]: i["name"] for i in (x or {}).get("instruments", [])}
        yi = {i["id"]: i["name"] for i in (y or {}).get("instruments", [])}
        rows.append(
            {
                "id": pid,
                "label": (x or y)["label"],
                "left": x,
                "right": y,
                "added": [yi[i] for i in yi if i not in xi],
                "removed": [xi[i] for i in xi if i not in yi],
                "level_changed": bool(x and y and x["level"] != y["level"]),
                "goals_changed": bool(x and y and [g["id"] for g in x["goals"]] != [g["id"] for g in y["goals"]]),
                "only": "left" if y is None else "right" if x is None else "",
            }
        )
    wa = {_warning_key(w): w for w in a["warnings"]}
    wb = {_warning_key(w): w for w in b["warnings"]}
    return {
        "left": a,
        "right": b,
        "phases": rows,
        "warnings_added": [w for k, w in wb.items() if k not in wa],
        "warnings_removed": [w for k, w in wa.items() if k not in wb],
        "warnings_kept": [w for k, w in wb.items() if k in wa],
        "changed": any(
            r["added"] or r["removed"] or r["level_changed"] or r["goals_changed"] or r["only"] for r in rows
        ),
    }


# --------------------------------------------------------------------------- export


def case_export(*, plan: Plan, version: PlanVersion | None = None) -> dict[str, Any]:
    """The case file of a plan (CONTRACTS §1 keys) plus the answered preconditions as an extra block."""
    version = version or plan.latest_version
    data = dict(version.case if version else plan.case_data or {})
    pre = version.preconditions if version else plan.preconditions
    answered = {k: pre.get(k) for k in PRECONDITION_FIELDS if pre.get(k) is not None}
    if answered:
        data["preconditions"] = answered
    return data


def case_yaml(*, plan: Plan, version: PlanVersion | None = None) -> str:
    header = "# Casus uit Participatiemix (CONTRACTS §1); `preconditions` zijn de randvoorwaarden uit stap 2.\n"
    return header + yaml.safe_dump(case_export(plan=plan, version=version), allow_unicode=True, sort_keys=False)
