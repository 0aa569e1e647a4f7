"""The zelfscan report (DOCX/PDF/Markdown through documents/base.py) and the tables the results page shows.

Pure Python: it takes the questionnaire and aggregated Results from mix/scan.py plus plain round facts,
so the web page and the report show exactly the same figures. Texts are Dutch (B1) or English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from participatiemix.documents.base import Bullets, Document, Facts, Heading, Note, Paragraph, Table
from participatiemix.mix import scan as mix_scan
from participatiemix.mix.vocabulary import load_vocabulary

TEXTS = {
    "nl": {
        "kind": "Zelfscan lokale democratie",
        "municipality": "Gemeente",
        "period": "Periode",
        "version": "Versie vragenlijst",
        "responses": "Antwoorden",
        "not_representative": (
            "Deze zelfscan is niet representatief. Wie meedoet, kiest dat zelf. De uitkomsten zijn meningen: "
            "een begin van het gesprek over de lokale democratie, geen meting."
        ),
        "counts_head": "Wie deed mee",
        "group": "Groep",
        "count": "Aantal antwoorden",
        "how_shown": "Hoe getoond",
        "shown": "Apart getoond",
        "merged": "Samen getoond als 'overige'",
        "hidden": "Niet getoond (minder dan %(n)d)",
        "merged_note": (
            "%(groups)s hadden elk minder dan %(n)d antwoorden. Om de privacy te beschermen tonen we ze samen als "
            "'overige'."
        ),
        "hidden_note": (
            "%(groups)s hadden samen minder dan %(n)d antwoorden. Om de privacy te beschermen tellen die antwoorden "
            "nergens mee."
        ),
        "no_results": (
            "Er zijn nog te weinig antwoorden om uitkomsten te tonen. We tonen uitkomsten vanaf %(n)d antwoorden."
        ),
        "profile_head": "Profiel per onderwerp",
        "profile_intro": (
            "Gemiddelde score per onderwerp en groep, van 1 (helemaal oneens) tot 5 (helemaal eens). "
            "'Weet ik niet' telt niet mee."
        ),
        "topic": "Onderwerp",
        "gaps_head": "Waar de groepen het meest verschillen",
        "gaps_dim_caption": "Verschil per onderwerp: hoogste en laagste groep",
        "gaps_item_caption": "De stellingen met het grootste verschil tussen groepen",
        "statement": "Stelling",
        "highest": "Hoogste",
        "lowest": "Laagste",
        "difference": "Verschil",
        "no_gaps": "Er zijn minstens twee groepen met %(n)d of meer antwoorden nodig om groepen te vergelijken.",
        "items_head": "Alle stellingen",
        "dont_know": "Weet ik niet",
        "answers": "Antwoorden",
        "custom_head": "Eigen vragen van de gemeente",
        "open_head": "Open antwoorden per thema",
        "open_intro": (
            "De open antwoorden zijn automatisch in thema's gegroepeerd op woorden die ze delen. "
            "Lees de antwoorden zelf: de groepering is een hulpmiddel."
        ),
        "theme": "Thema",
        "answers_n": "%(n)d antwoorden",
        "agenda_head": "Verbeteragenda",
        "agenda_none": "Er zijn nog geen prioriteiten gekozen.",
        "why": "Waarom",
        "instruments": "Instrumenten die passen",
        "weakest_head": "Zwakste onderwerpen",
        "weakest_intro": (
            "Onderwerpen met de laagste gemiddelde score van alle respondenten. Een goed begin voor de verbeteragenda."
        ),
        "score": "Score",
        "no_answers": "–",
    },
    "en": {
        "kind": "Local democracy self-scan",
        "municipality": "Municipality",
        "period": "Period",
        "version": "Questionnaire version",
        "responses": "Responses",
        "not_representative": (
            "This self-scan is not representative. People choose themselves whether to take part. The results are "
            "opinions: a start for the conversation about local democracy, not a measurement."
        ),
        "counts_head": "Who took part",
        "group": "Group",
        "count": "Number of responses",
        "how_shown": "How shown",
        "shown": "Shown separately",
        "merged": "Shown together as 'other'",
        "hidden": "Not shown (fewer than %(n)d)",
        "merged_note": (
            "%(groups)s each had fewer than %(n)d responses. To protect privacy they are shown together as 'other'."
        ),
        "hidden_note": (
            "%(groups)s together had fewer than %(n)d responses. To protect privacy these responses are not counted "
            "anywhere."
        ),
        "no_results": "There are too few responses to show results yet. Results are shown from %(n)d responses.",
        "profile_head": "Profile per topic",
        "profile_intro": (
            "Average score per topic and group, from 1 (strongly disagree) to 5 (strongly agree). "
            "'Don't know' is not counted."
        ),
        "topic": "Topic",
        "gaps_head": "Where the groups differ most",
        "gaps_dim_caption": "Difference per topic: highest and lowest group",
        "gaps_item_caption": "Statements with the largest difference between groups",
        "statement": "Statement",
        "highest": "Highest",
        "lowest": "Lowest",
        "difference": "Difference",
        "no_gaps": "At least two groups with %(n)d or more responses are needed to compare groups.",
        "items_head": "All statements",
        "dont_know": "Don't know",
        "answers": "Answers",
        "custom_head": "The municipality's own questions",
        "open_head": "Open answers by theme",
        "open_intro": (
            "The open answers were grouped into themes automatically, by the words they share. "
            "Read the answers yourself: the grouping is an aid."
        ),
        "theme": "Theme",
        "answers_n": "%(n)d answers",
        "agenda_head": "Improvement agenda",
        "agenda_none": "No priorities have been chosen yet.",
        "why": "Why",
        "instruments": "Instruments that fit",
        "weakest_head": "Weakest topics",
        "weakest_intro": (
            "Topics with the lowest average score of all respondents. A good start for the improvement agenda."
        ),
        "score": "Score",
        "no_answers": "–",
    },
}


def t(lang: str, key: str, **kwargs) -> str:
    text = TEXTS.get(lang, TEXTS["nl"])[key]
    return text % kwargs if kwargs else text


def number(value: float | None, lang: str = "nl") -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang != "en" else text


def signed(value: float | None, lang: str = "nl") -> str:
    if value is None:
        return "–"
    text = f"{value:+.1f}"
    return text.replace(".", ",") if lang != "en" else text


@dataclass(frozen=True)
class ThemeBlock:
    question: str  # the question text
    total: int
    groups: Sequence[mix_scan.TextGroup]


@dataclass(frozen=True)
class PriorityBlock:
    dimension: str
    note: str = ""


@dataclass
class ScanReportInput:
    municipality: str
    title: str
    opens_on: dt.date
    closes_on: dt.date
    questionnaire: mix_scan.Questionnaire
    results: mix_scan.Results
    custom_likert: dict[str, str] = field(default_factory=dict)  # key -> question text
    themes: Sequence[ThemeBlock] = ()
    priorities: Sequence[PriorityBlock] = ()
    instrument_names: dict[str, str] = field(default_factory=dict)  # id -> name in the report language
    lang: str = "nl"


# --------------------------------------------------------------------------- tables shared with the web page


def group_labels(q: mix_scan.Questionnaire, groups: Sequence[str], lang: str) -> list[str]:
    return [q.group_label(g, lang) for g in groups]


def counts_table(q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str) -> Table:
    rows = []
    for group in [g for g in mix_scan.GROUPS if g in r.response_counts]:
        if group in r.hidden_groups:
            status = t(lang, "hidden", n=r.min_group_size)
        elif group in r.merged_groups:
            status = t(lang, "merged")
        elif r.response_counts[group] >= r.min_group_size:
            status = t(lang, "shown")
        else:
            status = t(lang, "hidden", n=r.min_group_size)
        rows.append([q.group_label(group, lang), str(r.response_counts[group]), status])
    headers = [t(lang, "group"), t(lang, "count"), t(lang, "how_shown")]
    return Table(headers=headers, rows=rows, caption=t(lang, "counts_head"))


def privacy_notes(q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str) -> list[str]:
    notes = []
    if r.merged_groups:
        names = ", ".join(q.group_label(g, lang) for g in r.merged_groups)
        notes.append(t(lang, "merged_note", groups=names, n=r.min_group_size))
    if r.hidden_groups:
        names = ", ".join(q.group_label(g, lang) for g in r.hidden_groups)
        notes.append(t(lang, "hidden_note", groups=names, n=r.min_group_size))
    return notes


def profile_table(q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str) -> Table:
    rows = [
        [d.label.get(lang)] + [number(r.mean(g, d.id, dimension=True), lang) for g in r.shown_groups]
        for d in q.dimensions
    ]
    return Table(
        headers=[t(lang, "topic")] + group_labels(q, r.shown_groups, lang), rows=rows, caption=t(lang, "profile_head")
    )


def dimension_gap_table(q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str) -> Table:
    rows = [
        [
            q.dimension(gap.key).label.get(lang),
            f"{q.group_label(gap.high_group, lang)} ({number(gap.high_mean, lang)})",
            f"{q.group_label(gap.low_group, lang)} ({number(gap.low_mean, lang)})",
            number(gap.difference, lang),
        ]
        for gap in r.dimension_gaps
    ]
    headers = [t(lang, "topic"), t(lang, "highest"), t(lang, "lowest"), t(lang, "difference")]
    return Table(headers=headers, rows=rows, caption=t(lang, "gaps_dim_caption"))


def item_gap_table(
    q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str, custom_likert: dict[str, str] | None = None
) -> Table:
    rows = []
    for gap in r.item_gaps:
        item = q.item(gap.key)
        statement = item.statement(None, lang) if item else (custom_likert or {}).get(gap.key, gap.key)
        rows.append(
            [
                statement,
                f"{q.group_label(gap.high_group, lang)} ({number(gap.high_mean, lang)})",
                f"{q.group_label(gap.low_group, lang)} ({number(gap.low_mean, lang)})",
                number(gap.difference, lang),
            ]
        )
    headers = [t(lang, "statement"), t(lang, "highest"), t(lang, "lowest"), t(lang, "difference")]
    return Table(headers=headers, rows=rows, caption=t(lang, "gaps_item_caption"))


def item_table(
    q: mix_scan.Questionnaire, r: mix_scan.Results, items: Sequence[tuple[str, str]], lang: str, caption: str
) -> Table:
    """Statements × shown groups, plus the number of answers and 'weet ik niet' of all respondents."""
    rows = []
    for key, statement in items:
        everyone = r.items.get((mix_scan.ALL, key))
        rows.append(
            [statement]
            + [number(r.mean(g, key), lang) for g in r.shown_groups]
            + [str(everyone.n if everyone else 0), str(everyone.dont_know if everyone else 0)]
        )
    headers = [t(lang, "statement"), *group_labels(q, r.shown_groups, lang), t(lang, "answers"), t(lang, "dont_know")]
    return Table(headers=headers, rows=rows, caption=caption)


def weakest_table(q: mix_scan.Questionnaire, r: mix_scan.Results, lang: str, limit: int = 3) -> Table:
    rows = [[q.dimension(d).label.get(lang), number(m, lang)] for d, m in r.ranked_dimensions()[:limit]]
    return Table(headers=[t(lang, "topic"), t(lang, "score")], rows=rows, caption=t(lang, "weakest_head"))


# --------------------------------------------------------------------------- the report


def build_scan_report(data: ScanReportInput) -> Document:
    """The report. Text people typed (answers, notes, own questions) may hold control characters stored before
    the forms cleaned input; the writers of documents/base.py drop them (base.plain), so every format opens."""
    q, r, lang = data.questionnaire, data.results, data.lang
    doc = Document(
        title=data.title,
        subtitle=q.title.get(lang),
        organisation=data.municipality,
        kind=t(lang, "kind"),
        lang=lang,
    )
    doc.add(
        Facts(
            pairs=[
                (t(lang, "municipality"), data.municipality),
                (t(lang, "period"), f"{data.opens_on:%d-%m-%Y} – {data.closes_on:%d-%m-%Y}"),
                (t(lang, "version"), q.version),
                (t(lang, "responses"), str(r.total_responses)),
            ]
        ),
        Note(text=t(lang, "not_representative"), severity="warning"),
        Heading(t(lang, "counts_head"), 1),
        counts_table(q, r, lang),
    )
    doc.add(*(Note(text=n, severity="info") for n in privacy_notes(q, r, lang)))
    if not r.has_results:
        doc.add(Paragraph(t(lang, "no_results", n=r.min_group_size)))
        return doc
    doc.add(Heading(t(lang, "profile_head"), 1), Paragraph(t(lang, "profile_intro")), profile_table(q, r, lang))
    doc.add(Heading(t(lang, "weakest_head"), 2), Paragraph(t(lang, "weakest_intro")), weakest_table(q, r, lang))
    doc.add(Heading(t(lang, "gaps_head"), 1))
    if r.dimension_gaps:
        doc.add(dimension_gap_table(q, r, lang), item_gap_table(q, r, lang, data.custom_likert))
    else:
        doc.add(Paragraph(t(lang, "no_gaps", n=r.min_group_size)))
    doc.add(Heading(t(lang, "items_head"), 1))
    for dimension in q.dimensions:
        items = [(i.id, i.statement(None, lang)) for i in dimension.items]
        doc.add(Heading(dimension.label.get(lang), 2), Paragraph(dimension.description.get(lang), style="muted"))
        doc.add(item_table(q, r, items, lang, dimension.label.get(lang)))
    if data.custom_likert:
        doc.add(Heading(t(lang, "custom_head"), 1))
        doc.add(item_table(q, r, list(data.custom_likert.items()), lang, t(lang, "custom_head")))
    if data.themes:
        doc.add(Heading(t(lang, "open_head"), 1), Paragraph(t(lang, "open_intro"), style="muted"))
        for block in data.themes:
            doc.add(Heading(f"{block.question} ({t(lang, 'answers_n', n=block.total)})", 2))
            for group in block.groups:
                label = " · ".join(group.label) or t(lang, "theme")
                doc.add(Heading(f"{label} ({t(lang, 'answers_n', n=len(group.texts))})", 3), Bullets(list(group.texts)))
    doc.add(Heading(t(lang, "agenda_head"), 1))
    if not data.priorities:
        doc.add(Paragraph(t(lang, "agenda_none")))
    vocabulary = load_vocabulary()
    for priority in data.priorities:
        dimension = q.dimension(priority.dimension)
        if dimension is None:
            continue
        score = number(r.mean(mix_scan.ALL, dimension.id, dimension=True), lang)
        doc.add(Heading(f"{dimension.label.get(lang)} ({t(lang, 'score').lower()} {score})", 2))
        if priority.note:
            doc.add(Paragraph(priority.note))
        doc.add(Paragraph(f"{t(lang, 'why')}: {dimension.agenda.reason.get(lang)}"))
        agenda = dimension.agenda
        names = [data.instrument_names.get(i) or vocabulary.label("instruments", i, lang) for i in agenda.instruments]
        doc.add(Paragraph(f"{t(lang, 'instruments')}:"), Bullets(names))
    return doc
