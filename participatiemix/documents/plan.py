"""The participation plan as a document a council can read (Markdown, DOCX, PDF).

Input is the advice JSON of CONTRACTS.md §2 (as stored with a plan version or printed by the CLI);
the house style comes from `documents/base.py`. Pure Python: no Django, so the CLI can use it too.
Optional extra keys of the web app's advice (`verdict`, intake preconditions) are shown when present.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from participatiemix.documents.base import (
    Bullets,
    Document,
    Facts,
    Heading,
    Note,
    Paragraph,
    Table,
    to_docx,
    to_markdown,
    to_pdf,
)
from participatiemix.mix.errors import DataError
from participatiemix.mix.text import strip_hostile
from participatiemix.mix.vocabulary import load_vocabulary

TEXT = {
    "nl": {
        "kind": "Participatieplan",
        "municipality": "Gemeente",
        "question": "Vraag",
        "scale": "Schaal",
        "room": "Ruimte van de raad",
        "decides": "Wie beslist",
        "council_decides": "De gemeenteraad",
        "other_decides": "Het college, de burgemeester of een andere overheid",
        "shared": "Gedeeld mandaat",
        "yes": "ja",
        "no": "nee",
        "groups": "Doelgroepen",
        "budget": "Budget voor participatie",
        "weeks_total": "Beschikbare tijd tot het besluit",
        "staff": "Ambtelijke uren",
        "online_only": "Alleen online",
        "starting": "Instrument in gedachten",
        "start_title": "Kan participatie beginnen?",
        "ok": "In orde",
        "not_ok": "Niet in orde",
        "verdict": {
            "go": "Ja",
            "inform_only": "Alleen informeren",
            "not_ready": "Nog niet",
            "unknown": "Nog niet bekend",
        },
        "overview": "Het plan in het kort",
        "phase": "Fase",
        "level": "Trede",
        "mix": "Instrumenten",
        "warnings": "Waarschuwingen",
        "no_warnings": "Er zijn geen waarschuwingen.",
        "goals": "Doelen",
        "promise": "Belofte aan deelnemers",
        "weeks_phase": "Weken voor deze fase",
        "recommended": "Aanbevolen mix",
        "no_mix": "Voor deze fase staat er geen instrument in de mix.",
        "reaches": "Bereikt",
        "alternatives": "Alternatieven en waarom ze niet in de mix staan",
        "alternative": "Alternatief",
        "why_not": "Waarom niet",
        "richer": "Als er meer geld of tijd is",
        "council_title": "Momenten van de raad",
        "when": "Wanneer",
        "dates_note": "De raad besluit in %(month)s. De data tellen daarvan terug. Het zijn schattingen.",
        "moment": "Moment",
        "what_council": "Wat de raad doet",
        "coverage_title": "Wie bereiken we, en hoe?",
        "group": "Doelgroep",
        "reached_by": "Bereikt met",
        "not_reached": "Niet bereikt",
        "uncovered": "Deze groepen bereikt de mix nog niet",
        "requirements_title": "Wat vraagt dit van de gemeente?",
        "nothing": "Niets bijzonders.",
        "estimate_title": "Schatting",
        "cost": "Kosten",
        "hours": "Ambtelijke uren",
        "to_decision": "Nodig tot het besluit",
        "after_decision": "Na het besluit (uitvoering en evaluatie)",
        "whole": "Hele proces",
        "weeks": "weken",
        "estimate_note": "Dit is een schatting op basis van de instrumentencatalogus, geen offerte.",
        "closing": "Dit plan is gemaakt met Participatiemix: eerst de doelen per fase, dan pas de instrumenten.",
    },
    "en": {
        "kind": "Participation plan",
        "municipality": "Municipality",
        "question": "Question",
        "scale": "Scale",
        "room": "Room the council leaves",
        "decides": "Who decides",
        "council_decides": "The municipal council",
        "other_decides": "The executive, the mayor or another authority",
        "shared": "Shared mandate",
        "yes": "yes",
        "no": "no",
        "groups": "Target groups",
        "budget": "Budget for participation",
        "weeks_total": "Time available until the decision",
        "staff": "Staff hours",
        "online_only": "Online only",
        "starting": "Instrument in mind",
        "start_title": "Can participation start?",
        "ok": "In order",
        "not_ok": "Not in order",
        "verdict": {"go": "Yes", "inform_only": "Inform only", "not_ready": "Not yet", "unknown": "Not known yet"},
        "overview": "The plan at a glance",
        "phase": "Phase",
        "level": "Level",
        "mix": "Instruments",
        "warnings": "Warnings",
        "no_warnings": "There are no warnings.",
        "goals": "Goals",
        "promise": "Promise to participants",
        "weeks_phase": "Weeks for this phase",
        "recommended": "Recommended mix",
        "no_mix": "No instrument is in the mix for this phase.",
        "reaches": "Reaches",
        "alternatives": "Alternatives and why they are not in the mix",
        "alternative": "Alternative",
        "why_not": "Why not",
        "richer": "With more money or time",
        "council_title": "Council moments",
        "when": "When",
        "dates_note": "The council decides in %(month)s. The dates count back from it. They are estimates.",
        "moment": "Moment",
        "what_council": "What the council does",
        "coverage_title": "Whom do we reach, and how?",
        "group": "Target group",
        "reached_by": "Reached with",
        "not_reached": "Not reached",
        "uncovered": "The mix does not yet reach these groups",
        "requirements_title": "What does this ask of the municipality?",
        "nothing": "Nothing in particular.",
        "estimate_title": "Estimate",
        "cost": "Cost",
        "hours": "Staff hours",
        "to_decision": "Needed until the decision",
        "after_decision": "After the decision (implementation and evaluation)",
        "whole": "Whole process",
        "weeks": "weeks",
        "estimate_note": "This is an estimate based on the instrument catalogue, not a quotation.",
        "closing": "This plan was made with Participatiemix: goals per phase first, instruments second.",
    },
}


@cache
def _instrument_names() -> dict[str, dict[str, str]]:
    from participatiemix.mix.catalogue import INSTRUMENTS_DIR, load_catalogue, load_catalogue_from

    try:
        catalogue = load_catalogue()
    except DataError:
        try:
            catalogue = load_catalogue_from(INSTRUMENTS_DIR, require_vocabulary_ids=False)
        except DataError:
            return {}
    return {i.id: {"nl": i.name.nl, "en": i.name.en} for i in catalogue}


def _money(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return "€ " + (text.replace(",", ".") if lang == "nl" else text)


def _number(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def _plain(value: Any, depth: int = 0) -> Any:
    """Every string without control characters: plans stored before input was cleaned may hold them,
    and a DOCX (XML) cannot (python-docx refuses them, which was a 500 for the whole plan)."""
    if isinstance(value, str):
        return strip_hostile(value)
    if depth > 30:
        return value
    if isinstance(value, dict):
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    return value


def _date(value: date, lang: str, fmt: str) -> str:
    from django.utils import formats, translation

    with translation.override(lang):
        return formats.date_format(value, fmt)


def plan_document(advice: dict[str, Any], lang: str = "nl", schedule: dict | None = None) -> Document:
    """Build the plan as blocks in the house style."""
    lang = "en" if lang == "en" else "nl"
    advice = _plain(advice)
    t = TEXT[lang]
    vocab = load_vocabulary()
    names = _instrument_names()

    def label(section: str, id_: Any) -> str:
        return vocab.label(section, id_, lang) if isinstance(id_, str) else ""

    def inst(id_: str) -> str:
        return names.get(id_, {}).get(lang) or label("instruments", id_)

    case = advice.get("case") or {}
    council = case.get("council") or {}
    constraints = case.get("constraints") or {}
    municipality = case.get("municipality") or ""
    doc = Document(
        title=case.get("title") or t["kind"],
        subtitle=(case.get("policy_question") or "").strip(),
        organisation=f"{t['municipality']} {municipality}" if municipality else "",
        kind=t["kind"],
        lang=lang,
    )
    facts = [
        (t["scale"], label("scales", case.get("scale"))),
        (t["room"], label("council_room", council.get("room"))),
        (t["decides"], t["council_decides"] if council.get("decides", True) else t["other_decides"]),
        (t["shared"], t["yes"] if case.get("shared_mandate") else t["no"]),
        (t["groups"], ", ".join(label("target_groups", g) for g in case.get("target_groups") or [])),
    ]
    if constraints.get("budget_eur") is not None:
        facts.append((t["budget"], _money(constraints["budget_eur"], lang)))
    if constraints.get("weeks") is not None:
        facts.append((t["weeks_total"], f"{_number(constraints['weeks'], lang)} {t['weeks']}"))
    if constraints.get("staff_hours") is not None:
        facts.append((t["staff"], _number(constraints["staff_hours"], lang)))
    if constraints.get("online_only"):
        facts.append((t["online_only"], t["yes"]))
    if case.get("starting_instrument"):
        facts.append((t["starting"], inst(case["starting_instrument"])))
    if council.get("notes"):
        facts.append((t["room"] + " – " + ("toelichting" if lang == "nl" else "notes"), council["notes"]))
    doc.add(Facts(facts))

    doc.add(Heading(t["start_title"]))
    verdict = advice.get("verdict") or {}
    if verdict:
        status = verdict.get("status", "unknown")
        severity = {"go": "info", "unknown": "warning"}.get(status, "blocker")
        doc.add(Note(verdict.get("message", ""), severity=severity, title=t["verdict"].get(status, "")))
    pre = advice.get("preconditions") or []
    if pre:
        doc.add(Bullets([f"{t['ok'] if p.get('ok') else t['not_ok']}: {p.get('message', '')}" for p in pre]))

    phases = advice.get("phases") or []
    doc.add(Heading(t["overview"]))
    doc.add(
        Table(
            [t["phase"], t["level"], t["mix"]],
            [
                [
                    label("phases", p.get("phase")),
                    label("levels", p.get("level")),
                    ", ".join(inst(i.get("id")) for i in p.get("instruments") or []) or "–",
                ]
                for p in phases
            ],
        )
    )

    doc.add(Heading(t["warnings"]))
    warnings = advice.get("warnings") or []
    if not warnings:
        doc.add(Paragraph(t["no_warnings"]))
    for w in warnings:
        title = label("warnings", w.get("code"))
        if w.get("phase"):
            title += f" ({label('phases', w['phase'])})"
        severity = w.get("severity") if w.get("severity") in ("info", "warning", "blocker") else "warning"
        doc.add(Note(w.get("message", ""), severity=severity, title=title))

    case_phases = {p.get("phase"): p for p in case.get("phases") or []}
    for n, p in enumerate(phases, start=1):
        pid, level = p.get("phase"), p.get("level")
        doc.add(Heading(f"{n}. {label('phases', pid)}"))
        pairs = [
            (t["goals"], ", ".join(label("goals", g) for g in p.get("goals") or [])),
            (t["level"], label("levels", level)),
        ]
        weeks = case_phases.get(pid, {}).get("weeks")
        if weeks is not None:
            pairs.append((t["weeks_phase"], _number(weeks, lang)))
        doc.add(Facts(pairs))
        promise = p.get("promise") or vocab.promise(level, lang)
        if promise:
            doc.add(Note(f"“{promise}”", severity="info", title=t["promise"]))
        doc.add(Heading(t["recommended"], level=2))
        items = []
        for i in p.get("instruments") or []:
            reasons = "; ".join(i.get("reasons") or [])
            reaches = ", ".join(label("target_groups", g) for g in i.get("reaches") or [])
            text = f"{inst(i.get('id'))}: {reasons}."
            if reaches:
                text += f" {t['reaches']}: {reaches}."
            items.append(text)
        doc.add(Bullets(items) if items else Paragraph(t["no_mix"]))
        alternatives = p.get("alternatives") or []
        if alternatives:
            doc.add(
                Table(
                    [t["alternative"], t["why_not"]],
                    [[inst(a.get("id")), a.get("why_not", "")] for a in alternatives],
                    caption=t["alternatives"],
                )
            )
        # Optional key (older stored advice lacks it): formats that strengthen the phase if money or hours come free.
        richer = [r for r in p.get("richer_options") or [] if isinstance(r, dict) and r.get("id")]
        if richer:
            doc.add(Heading(t["richer"], level=2))
            doc.add(Bullets([f"{inst(r['id'])}: {r['why']}" if r.get("why") else inst(r["id"]) for r in richer]))

    moments = advice.get("council_moments") or []
    if moments:
        doc.add(Heading(t["council_title"]))
        rows = [
            [label("phases", m.get("phase")) or "–", label("council_moments", m.get("moment")), m.get("message", "")]
            for m in moments
        ]
        dated = (schedule or {}).get("moments") or []
        if not dated or len(dated) != len(moments) or not schedule.get("decision_month"):
            doc.add(Table([t["phase"], t["moment"], t["what_council"]], rows))
        else:
            # With the month of the decision the moments get dates, counted back from it; the plans app works
            # them out (plans/timeline.py) and hands them over in time order.
            doc.add(
                Paragraph(t["dates_note"] % {"month": _date(schedule["decision_month"], lang, "F Y")}, style="muted")
            )
            doc.add(
                Table(
                    [t["when"], t["phase"], t["moment"], t["what_council"]],
                    [
                        [
                            _date(m["date"], lang, "j F Y"),
                            label("phases", m.get("phase")) or "–",
                            label("council_moments", m.get("moment")),
                            m.get("message", ""),
                        ]
                        for m in dated
                    ],
                )
            )

    coverage = advice.get("coverage") or {}
    doc.add(Heading(t["coverage_title"]))
    uncovered = coverage.get("uncovered") or []
    if uncovered:
        doc.add(Note(", ".join(label("target_groups", g) for g in uncovered), severity="warning", title=t["uncovered"]))
    doc.add(
        Table(
            [t["group"], t["reached_by"]],
            [
                [label("target_groups", g), ", ".join(inst(i) for i in ids) if ids else t["not_reached"]]
                for g, ids in (coverage.get("target_groups") or {}).items()
            ],
        )
    )

    requirements = advice.get("requirements") or {}
    doc.add(Heading(t["requirements_title"]))
    for kind in ("competences", "preconditions", "council", "internal_organisation"):
        doc.add(Heading(label("requirement_kinds", kind), level=2))
        items = requirements.get(kind) or []
        doc.add(Bullets(list(items)) if items else Paragraph(t["nothing"], style="muted"))

    estimate = advice.get("estimate") or {}
    pairs = []
    cost, hours = estimate.get("cost_eur"), estimate.get("staff_hours")
    if isinstance(cost, list) and len(cost) == 2:
        pairs.append((t["cost"], f"{_money(cost[0], lang)} – {_money(cost[1], lang)}"))
    if isinstance(hours, list) and len(hours) == 2:
        pairs.append((t["hours"], f"{_number(hours[0], lang)} – {_number(hours[1], lang)}"))
    # Time until the decision and after it, said apart: a total beside "weeks until the decision" confused readers.
    whole, to_decision = estimate.get("weeks"), estimate.get("weeks_to_decision")
    if isinstance(to_decision, list) and to_decision:
        pairs.append((t["to_decision"], f"{_number(to_decision[0], lang)} {t['weeks']}"))
        if whole is not None and whole > to_decision[0]:
            pairs.append((t["after_decision"], f"{_number(whole - to_decision[0], lang)} {t['weeks']}"))
    if whole is not None:
        pairs.append((t["whole"], f"{_number(whole, lang)} {t['weeks']}"))
    if pairs:
        doc.add(Heading(t["estimate_title"]), Facts(pairs), Paragraph(t["estimate_note"], style="muted"))
    doc.add(Paragraph(t["closing"], style="muted"))
    return doc


def plan_markdown(advice: dict[str, Any], lang: str = "nl", schedule: dict | None = None) -> str:
    return to_markdown(plan_document(advice, lang, schedule))


def plan_docx(advice: dict[str, Any], lang: str = "nl", schedule: dict | None = None) -> bytes:
    return to_docx(plan_document(advice, lang, schedule))


def plan_pdf(advice: dict[str, Any], lang: str = "nl", schedule: dict | None = None) -> bytes:
    return to_pdf(plan_document(advice, lang, schedule))
