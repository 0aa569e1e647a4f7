"""The council report (participatieverslag) as a document, and the tables the report page shows.

Pure Python: it takes the plain dict of processes/report.py (CONTRACTS §5 plus labels and evaluation), so the
web page, the Word file and the PDF show exactly the same figures. Texts are Dutch (B1) or English.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from participatiemix.documents.base import Bullets, Document, Facts, Heading, Note, Paragraph, Table, render

TEXTS = {
    "nl": {
        "kind": "Participatieverslag",
        "municipality": "Gemeente",
        "plan_version": "Planversie",
        "made_on": "Stand op",
        "participants": "Deelnemers",
        "contributions": "Bijdragen",
        "with_feedback": "Bijdragen met een antwoord (verwerkt of niet overgenomen)",
        "example": "Dit verslag bevat voorbeeldgegevens. De mensen en teksten zijn verzonnen.",
        "summary_head": "Samenvatting",
        "phase_period": "Periode",
        "goals": "Doelen",
        "level": "Rol van inwoners",
        "promise": "Wat gebeurt er met uw inbreng",
        "state": "Stand",
        "states": {"upcoming": "Nog niet begonnen", "open": "Nu open", "closed": "Afgerond"},
        "activities_head": "Activiteiten",
        "activity": "Activiteit",
        "instrument": "Instrument",
        "kind_col": "Soort",
        "status": "Status",
        "kinds": {"online": "Online", "offline": "Op locatie"},
        "activity_status": {"planned": "Gepland", "held": "Gehouden", "cancelled": "Niet doorgegaan"},
        "added": "toegevoegd, niet uit het plan",
        "no_activities": "In deze fase staan geen activiteiten.",
        "reach_head": "Bereik van de doelgroepen",
        "group": "Doelgroep",
        "reached": "Bereikt",
        "yes": "Ja",
        "no": "Nee",
        "profiles": "Volgens profiel",
        "counted": "Geteld bij activiteit",
        "aimed": "Activiteiten gericht op deze groep",
        "fewer": "minder dan %(n)d",
        "missed_note": "Niet bereikt: %(groups)s. Zoek naar een andere manier om deze groepen te betrekken.",
        "reach_intro": (
            "Een groep telt als bereikt als minstens %(n)d deelnemers in hun profiel zeggen dat ze erbij horen, of als "
            "er bij een activiteit minstens %(n)d mensen uit die groep waren. Kleinere aantallen tonen we niet."
        ),
        "no_groups": "Het plan noemt voor deze fase geen doelgroepen.",
        "themes_head": "Belangrijkste thema's",
        "theme": "Thema",
        "themes_none": "Er is nog geen inbreng met tekst.",
        "themes_all": "Thema's gemaakt van alle %(n)d bijdragen met tekst, automatisch gegroepeerd (%(method)s).",
        "themes_sample": (
            "Thema's gemaakt van een steekproef van %(k)d van de %(n)d bijdragen met tekst, automatisch gegroepeerd "
            "(%(method)s). De aantallen gaan over de steekproef."
        ),
        "themes_other": "Overige bijdragen in de groepering",
        "methods": {"embeddings": "op betekenis", "char-ngrams": "op gedeelde woorden"},
        "feedback_head": "Wat er met de inbreng is gedaan",
        "feedback": {
            "received": "Ontvangen",
            "in_progress": "In behandeling",
            "adopted": "Verwerkt",
            "not_adopted": "Niet overgenomen",
        },
        "count": "Aantal",
        "we_did": "U zei, wij deden",
        "moments_head": "De raad aan zet",
        "moment": "Raadsmoment",
        "phase": "Fase",
        "due": "Gepland op",
        "done_on": "Gedaan op",
        "moment_status": {"done": "Gedaan", "due": "Nog te doen", "missed": "Gemist"},
        "moments_missed": "Gemist: %(moments)s. Het geplande moment is voorbij en niet als gedaan gemarkeerd.",
        "no_moments": "Het plan noemt geen raadsmomenten.",
        "evaluation_head": "Evaluatie: plan en uitvoering",
        "planned_vs_held": "Activiteiten: gepland en gehouden",
        "ev_planned": "Uit het plan",
        "ev_held": "Gehouden (alle)",
        "ev_held_of_planned": "Gehouden (uit het plan)",
        "ev_cancelled": "Niet doorgegaan",
        "ev_not_yet": "Nog niet gehouden",
        "ev_added": "Toegevoegd",
        "cost_head": "Kosten en uren",
        "what": "Wat",
        "estimate": "Schatting in het plan",
        "planned": "Gepland per activiteit",
        "actual": "Werkelijk",
        "cost_eur": "Kosten (euro)",
        "hours": "Uren van medewerkers",
        "not_entered": "niet ingevuld",
        "goals_head": "Doelen per fase en oordeel",
        "judgement": "Oordeel",
        "no_judgement": "Nog geen oordeel.",
        "how_head": "Hoe wij tellen",
        "how": (
            "Eén bijdrage is één antwoord op een enquête (alle antwoorden samen), één idee, één reactie, één "
            "inbreng uit een bijeenkomst of één handtekening. Wij tellen wat is opgeslagen op de dag van dit "
            "verslag. Deelnemers zijn verschillende personen die iets inbrachten; bij bijeenkomsten tellen wij de "
            "aanwezigen. Cijfers over groepen tonen wij alleen bij %(n)d of meer mensen."
        ),
    },
    "en": {
        "kind": "Participation report",
        "municipality": "Municipality",
        "plan_version": "Plan version",
        "made_on": "As of",
        "participants": "Participants",
        "contributions": "Contributions",
        "with_feedback": "Contributions with an answer (adopted or not adopted)",
        "example": "This report holds example data. The people and texts are made up.",
        "summary_head": "Summary",
        "phase_period": "Period",
        "goals": "Goals",
        "level": "Role of residents",
        "promise": "What happens with your input",
        "state": "State",
        "states": {"upcoming": "Not started yet", "open": "Open now", "closed": "Finished"},
        "activities_head": "Activities",
        "activity": "Activity",
        "instrument": "Instrument",
        "kind_col": "Kind",
        "status": "Status",
        "kinds": {"online": "Online", "offline": "On location"},
        "activity_status": {"planned": "Planned", "held": "Held", "cancelled": "Cancelled"},
        "added": "added, not from the plan",
        "no_activities": "This phase has no activities.",
        "reach_head": "Reach of the target groups",
        "group": "Target group",
        "reached": "Reached",
        "yes": "Yes",
        "no": "No",
        "profiles": "By profile",
        "counted": "Counted at activity",
        "aimed": "Activities aimed at this group",
        "fewer": "fewer than %(n)d",
        "missed_note": "Not reached: %(groups)s. Look for another way to involve these groups.",
        "reach_intro": (
            "A group counts as reached when at least %(n)d participants say in their profile that they belong to it, "
            "or when at least %(n)d people of that group came to an activity. Smaller numbers are not shown."
        ),
        "no_groups": "The plan names no target groups for this phase.",
        "themes_head": "Main themes",
        "theme": "Theme",
        "themes_none": "There is no input with text yet.",
        "themes_all": "Themes made from all %(n)d contributions with text, grouped automatically (%(method)s).",
        "themes_sample": (
            "Themes made from a sample of %(k)d of the %(n)d contributions with text, grouped automatically "
            "(%(method)s). The numbers are of the sample."
        ),
        "themes_other": "Other contributions in the grouping",
        "methods": {"embeddings": "by meaning", "char-ngrams": "by shared words"},
        "feedback_head": "What was done with the input",
        "feedback": {
            "received": "Received",
            "in_progress": "In progress",
            "adopted": "Adopted",
            "not_adopted": "Not adopted",
        },
        "count": "Number",
        "we_did": "You said, we did",
        "moments_head": "The council's moments",
        "moment": "Council moment",
        "phase": "Phase",
        "due": "Planned on",
        "done_on": "Done on",
        "moment_status": {"done": "Done", "due": "To do", "missed": "Missed"},
        "moments_missed": "Missed: %(moments)s. The planned date has passed and it was not marked as done.",
        "no_moments": "The plan names no council moments.",
        "evaluation_head": "Evaluation: plan and practice",
        "planned_vs_held": "Activities: planned and held",
        "ev_planned": "From the plan",
        "ev_held": "Held (all)",
        "ev_held_of_planned": "Held (from the plan)",
        "ev_cancelled": "Cancelled",
        "ev_not_yet": "Not held yet",
        "ev_added": "Added",
        "cost_head": "Cost and hours",
        "what": "What",
        "estimate": "Estimate in the plan",
        "planned": "Planned per activity",
        "actual": "Actual",
        "cost_eur": "Cost (euro)",
        "hours": "Staff hours",
        "not_entered": "not entered",
        "goals_head": "Goals per phase and judgement",
        "judgement": "Judgement",
        "no_judgement": "No judgement yet.",
        "how_head": "How we count",
        "how": (
            "One contribution is one survey response (all its answers together), one idea, one comment, one item of "
            "input from a meeting or one signature. We count what is stored on the day of this report. Participants "
            "are different people who gave input; at meetings we count the people present. Figures about groups "
            "are only shown for %(n)d people or more."
        ),
    },
}


def t(lang: str, key: str, **kwargs) -> Any:
    value = TEXTS.get(lang, TEXTS["nl"])[key]
    return value % kwargs if kwargs else value


def number(value: int | float | None, lang: str = "nl") -> str:
    """1234 -> '1.234' (nl) or '1,234' (en); None -> '–'."""
    if value is None:
        return "–"
    text = f"{int(value):,}"
    return text.replace(",", ".") if lang != "en" else text


def percent(share: float, lang: str = "nl") -> str:
    text = f"{share * 100:.0f}%"
    return text


def date_text(iso: str | None, lang: str = "nl") -> str:
    if not iso:
        return "–"
    day = dt.date.fromisoformat(iso)
    return day.strftime("%d-%m-%Y") if lang != "en" else day.isoformat()


def span(values: list | None, lang: str) -> str:
    if not values:
        return "–"
    low, high = values[0], values[-1]
    return number(low, lang) if low == high else f"{number(low, lang)} – {number(high, lang)}"


def _label(data: dict, section: str, key: str) -> str:
    return (data.get("labels") or {}).get(section, {}).get(key, key)


# --------------------------------------------------------------------------- tables shared with the web page


def facts(data: dict) -> Facts:
    lang, p, totals = data["lang"], data["process"], data["totals"]
    return Facts(
        pairs=[
            (t(lang, "municipality"), p.get("municipality") or "–"),
            (t(lang, "plan_version"), str(p.get("plan_version") or "–")),
            (t(lang, "made_on"), date_text(data.get("generated_on"), lang)),
            (t(lang, "participants"), number(totals["participants"], lang)),
            (t(lang, "contributions"), number(totals["contributions"], lang)),
            (t(lang, "with_feedback"), percent(totals["with_feedback_share"], lang)),
        ]
    )


def phase_facts(data: dict, phase: dict) -> Facts:
    lang = data["lang"]
    goals = ", ".join(_label(data, "goals", g) for g in phase["goals"]) or "–"
    period = f"{date_text(phase['starts'], lang)} – {date_text(phase['ends'], lang)}"
    return Facts(
        pairs=[
            (t(lang, "phase_period"), period),
            (t(lang, "state"), t(lang, "states").get(phase.get("state"), phase.get("state") or "–")),
            (t(lang, "goals"), goals),
            (t(lang, "level"), _label(data, "levels", phase["level"])),
            (t(lang, "promise"), phase["promise"] or "–"),
        ]
    )


def activities_table(data: dict, phase: dict) -> Table:
    lang = data["lang"]
    rows = []
    for a in phase["activities"]:
        title = a["title"] if a["from_plan"] else f"{a['title']} ({t(lang, 'added')})"
        rows.append(
            [
                title,
                a.get("instrument_label") or a["instrument"],
                t(lang, "kinds").get(a["kind"], a["kind"]),
                t(lang, "activity_status").get(a["status"], a["status"]),
                number(a["participants"], lang),
                number(a["contributions"], lang),
            ]
        )
    headers = [
        t(lang, "activity"),
        t(lang, "instrument"),
        t(lang, "kind_col"),
        t(lang, "status"),
        t(lang, "participants"),
        t(lang, "contributions"),
    ]
    return Table(headers=headers, rows=rows, caption=t(lang, "activities_head"))


def reach_table(data: dict, phase: dict) -> Table:
    lang, n = data["lang"], data.get("min_group", 5)
    fewer = t(lang, "fewer", n=n)
    rows = [
        [
            d["label"],
            t(lang, "yes") if d["reached"] else t(lang, "no"),
            number(d["profiles"], lang) if d["profiles"] is not None else fewer,
            number(d["counted_at_activities"], lang) if d["counted_at_activities"] is not None else fewer,
            ", ".join(d["activities_aimed"]) or "–",
        ]
        for d in phase["reach"].get("detail", [])
    ]
    headers = [t(lang, "group"), t(lang, "reached"), t(lang, "profiles"), t(lang, "counted"), t(lang, "aimed")]
    return Table(headers=headers, rows=rows, caption=t(lang, "reach_head"))


def missed_note(data: dict, phase: dict) -> str:
    missed = phase["reach"]["missed"]
    if not missed:
        return ""
    names = ", ".join(_label(data, "target_groups", g) for g in missed)
    return t(data["lang"], "missed_note", groups=names)


def themes_table(data: dict, phase: dict) -> Table:
    lang = data["lang"]
    rows = [[theme["label"], number(theme["contributions"], lang)] for theme in phase["themes"]]
    other = (phase.get("themes_method") or {}).get("other")
    if other:
        rows.append([t(lang, "themes_other"), number(other, lang)])
    return Table(headers=[t(lang, "theme"), t(lang, "contributions")], rows=rows, caption=t(lang, "themes_head"))


def themes_note(data: dict, phase: dict) -> str:
    lang, how = data["lang"], phase.get("themes_method") or {}
    if not how.get("grouped"):
        return t(lang, "themes_none")
    method = t(lang, "methods").get(how.get("method"), how.get("method", ""))
    if how.get("sample"):
        return t(lang, "themes_sample", k=how["grouped"], n=how["of"], method=method)
    return t(lang, "themes_all", n=how["grouped"], method=method)


def feedback_table(data: dict, phase: dict) -> Table:
    lang = data["lang"]
    rows = [[label, number(phase["feedback"].get(key, 0), lang)] for key, label in t(lang, "feedback").items()]
    return Table(headers=[t(lang, "status"), t(lang, "count")], rows=rows, caption=t(lang, "feedback_head"))


def moments_table(data: dict) -> Table:
    lang = data["lang"]
    rows = [
        [
            m.get("label") or m["moment"],
            _label(data, "phases", m["phase"]),
            date_text(m.get("due"), lang),
            date_text(m.get("done_on"), lang),
            t(lang, "moment_status").get(m["status"], m["status"]),
        ]
        for m in data["council_moments"]
    ]
    headers = [t(lang, "moment"), t(lang, "phase"), t(lang, "due"), t(lang, "done_on"), t(lang, "status")]
    return Table(headers=headers, rows=rows, caption=t(lang, "moments_head"))


def missed_moments_note(data: dict) -> str:
    missed = [m.get("label") or m["moment"] for m in data["council_moments"] if m["status"] == "missed"]
    return t(data["lang"], "moments_missed", moments=", ".join(missed)) if missed else ""


def planned_held_table(data: dict) -> Table:
    lang, ev = data["lang"], data["evaluation"]["activities"]
    keys = ("planned", "held_of_planned", "held", "cancelled", "not_yet", "added")
    rows = [[t(lang, f"ev_{k}"), number(ev[k], lang)] for k in keys]
    return Table(headers=[t(lang, "what"), t(lang, "count")], rows=rows, caption=t(lang, "planned_vs_held"))


def cost_table(data: dict) -> Table:
    lang, ev = data["lang"], data["evaluation"]
    missing = t(lang, "not_entered")

    def shown(value):
        return number(value, lang) if value is not None else missing

    cost, hours = ev["cost"], ev["hours"]
    rows = [
        [t(lang, "cost_eur"), span(cost["estimate_eur"], lang), shown(cost["planned_eur"]), shown(cost["actual_eur"])],
        [t(lang, "hours"), span(hours["estimate"], lang), shown(hours["planned"]), shown(hours["actual"])],
    ]
    headers = [t(lang, "what"), t(lang, "estimate"), t(lang, "planned"), t(lang, "actual")]
    return Table(headers=headers, rows=rows, caption=t(lang, "cost_head"))


def activity_cost_table(data: dict) -> Table:
    lang = data["lang"]
    rows = []
    for phase in data["phases"]:
        for a in phase["activities"]:
            c = a["cost"]
            rows.append(
                [
                    a["title"],
                    t(lang, "activity_status").get(a["status"], a["status"]),
                    number(c["planned_eur"], lang),
                    number(c["actual_eur"], lang),
                    number(c["planned_hours"], lang),
                    number(c["actual_hours"], lang),
                ]
            )
    headers = [
        t(lang, "activity"),
        t(lang, "status"),
        f"{t(lang, 'cost_eur')}: {t(lang, 'planned').lower()}",
        f"{t(lang, 'cost_eur')}: {t(lang, 'actual').lower()}",
        f"{t(lang, 'hours')}: {t(lang, 'planned').lower()}",
        f"{t(lang, 'hours')}: {t(lang, 'actual').lower()}",
    ]
    return Table(headers=headers, rows=rows, caption=t(lang, "activities_head"))


def goals_table(data: dict) -> Table:
    lang = data["lang"]
    rows = [
        [
            _label(data, "phases", g["phase"]),
            ", ".join(_label(data, "goals", x) for x in g["goals"]) or "–",
            _label(data, "levels", g["level"]),
            g["judgement"] or t(lang, "no_judgement"),
        ]
        for g in data["evaluation"]["goals"]
    ]
    headers = [t(lang, "phase"), t(lang, "goals"), t(lang, "level"), t(lang, "judgement")]
    return Table(headers=headers, rows=rows, caption=t(lang, "goals_head"))


# --------------------------------------------------------------------------- the document


def build_process_report(data: dict) -> Document:
    lang, p = data["lang"], data["process"]
    doc = Document(
        title=p["title"],
        subtitle=p.get("question") or "",
        organisation=p.get("municipality") and f"{t(lang, 'municipality')} {p['municipality']}" or "",
        kind=t(lang, "kind"),
        lang=lang,
        date=dt.date.fromisoformat(data["generated_on"]) if data.get("generated_on") else dt.date.today(),
    )
    if p.get("is_example"):
        doc.add(Note(text=t(lang, "example"), severity="warning"))
    doc.add(Heading(t(lang, "summary_head"), 1), facts(data))
    for phase in data["phases"]:
        doc.add(Heading(phase.get("label") or phase["phase"], 1), phase_facts(data, phase))
        if phase["activities"]:
            doc.add(activities_table(data, phase))
            lines = [f"{a['title']}: {line}" for a in phase["activities"] for line in a.get("summary") or []]
            if lines:
                doc.add(Bullets(lines))
        else:
            doc.add(Paragraph(t(lang, "no_activities")))
        doc.add(Heading(t(lang, "reach_head"), 2))
        if phase["reach"]["planned"]:
            doc.add(Paragraph(t(lang, "reach_intro", n=data.get("min_group", 5)), style="muted"))
            doc.add(reach_table(data, phase))
            if note := missed_note(data, phase):
                doc.add(Note(text=note, severity="warning"))
        else:
            doc.add(Paragraph(t(lang, "no_groups")))
        doc.add(Heading(t(lang, "themes_head"), 2))
        if phase["themes"]:
            doc.add(themes_table(data, phase))
        doc.add(Paragraph(themes_note(data, phase), style="muted"))
        doc.add(Heading(t(lang, "feedback_head"), 2), feedback_table(data, phase))
        if phase.get("we_did"):
            doc.add(Heading(t(lang, "we_did"), 3), Paragraph(phase["we_did"]))
    doc.add(Heading(t(lang, "moments_head"), 1))
    if data["council_moments"]:
        doc.add(moments_table(data))
        if note := missed_moments_note(data):
            doc.add(Note(text=note, severity="warning"))
    else:
        doc.add(Paragraph(t(lang, "no_moments")))
    doc.add(
        Heading(t(lang, "evaluation_head"), 1),
        planned_held_table(data),
        cost_table(data),
        activity_cost_table(data),
        goals_table(data),
        Heading(t(lang, "how_head"), 2),
        Paragraph(t(lang, "how", n=data.get("min_group", 5)), style="muted"),
    )
    return doc


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def render_report(data: dict, fmt: str) -> bytes:
    """The report as 'json', 'md', 'docx', 'pdf' or 'html' bytes."""
    if fmt == "json":
        return to_json(data)
    return render(build_process_report(data), fmt)
