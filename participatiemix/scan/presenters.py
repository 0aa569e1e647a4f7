"""Turn questionnaire, results and trends into what the templates show (no writes, no queries of its own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from participatiemix.documents import scan_report
from participatiemix.mix import scan as mix_scan
from participatiemix.mix.catalogue import load_catalogue
from participatiemix.mix.errors import DataError
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.scan.charts import Cluster, grouped_bars
from participatiemix.scan.models import CustomQuestion


def _likert_field(*, name: str, statement: str, q: mix_scan.Questionnaire, lang: str, value: str, errors: list[str]):
    options = [
        {"value": str(step.value), "label": f"{step.value} {step.label(lang)}", "id": f"{name}-{step.value}"}
        for step in q.scale
    ]
    options.append({"value": mix_scan.DONT_KNOW, "label": q.dont_know.get(lang), "id": f"{name}-dk"})
    for option in options:
        option["checked"] = option["value"] == value
    return {"name": name, "statement": statement, "options": options, "errors": errors, "kind": "likert"}


def questionnaire_sections(
    *,
    q: mix_scan.Questionnaire,
    group: str,
    customs: Sequence[CustomQuestion],
    lang: str,
    values: Mapping[str, str],
    errors: Mapping[str, list[str]],
) -> list[dict]:
    """Fieldsets for the respondent page: one per dimension, then own questions, then open questions."""
    sections = []
    for dimension in q.dimensions:
        fields = [
            _likert_field(
                name=f"q_{item.id}",
                statement=item.statement(group, lang),
                q=q,
                lang=lang,
                value=values.get(f"q_{item.id}", ""),
                errors=errors.get(f"q_{item.id}", []),
            )
            for item in dimension.items
        ]
        sections.append({"id": dimension.id, "label": dimension.label.get(lang), "fields": fields})
    custom_fields = []
    for question in customs:
        name = f"{'q' if question.kind == 'likert' else 't'}_{question.key}"
        if question.kind == "likert":
            custom_fields.append(
                _likert_field(
                    name=name,
                    statement=question.text,
                    q=q,
                    lang=lang,
                    value=values.get(name, ""),
                    errors=errors.get(name, []),
                )
            )
        else:
            custom_fields.append(_open_field(name=name, text=question.text, values=values, errors=errors))
    if custom_fields:
        sections.append({"id": "custom", "label": _("Vragen van de gemeente"), "fields": custom_fields})
    open_fields = [
        _open_field(name=f"t_{question.id}", text=question.text.get(lang), values=values, errors=errors)
        for question in q.open_questions
    ]
    if open_fields:
        sections.append({"id": "open", "label": _("Tot slot: in uw eigen woorden"), "fields": open_fields})
    for number, section in enumerate(sections, start=1):
        section["number"] = number
        section["total"] = len(sections)
    return sections


def _open_field(*, name: str, text: str, values: Mapping[str, str], errors: Mapping[str, list[str]]) -> dict:
    return {
        "name": name,
        "statement": text,
        "value": values.get(name, ""),
        "errors": errors.get(name, []),
        "kind": "open",
        "maxlength": mix_scan.MAX_TEXT,
    }


def profile_chart(*, q: mix_scan.Questionnaire, results: mix_scan.Results, lang: str) -> str:
    clusters = [
        Cluster(label=d.label.get(lang), values=[results.mean(g, d.id, dimension=True) for g in results.shown_groups])
        for d in q.dimensions
    ]
    return grouped_bars(
        uid="profile",
        title=_("Profiel per onderwerp en groep"),
        desc=_("Gemiddelde score van 1 tot 5 per onderwerp en groep. De tabel bij de grafiek geeft dezelfde cijfers."),
        series=[q.group_label(g, lang) for g in results.shown_groups],
        clusters=clusters,
        fmt=lambda v: scan_report.number(v, lang),
    )


def results_context(
    *, q: mix_scan.Questionnaire, results: mix_scan.Results, customs: Sequence[CustomQuestion], lang: str
) -> dict:
    custom_likert = {c.key: c.text for c in customs if c.kind == "likert"}
    context = {
        "results": results,
        "counts_table": scan_report.counts_table(q, results, lang),
        "privacy_notes": scan_report.privacy_notes(q, results, lang),
        "not_representative": scan_report.t(lang, "not_representative"),
        "no_results": scan_report.t(lang, "no_results", n=results.min_group_size),
    }
    if not results.has_results:
        return context
    context.update(
        {
            "profile_table": scan_report.profile_table(q, results, lang),
            "profile_chart": profile_chart(q=q, results=results, lang=lang),
            "weakest_table": scan_report.weakest_table(q, results, lang),
            "dimension_gaps": scan_report.dimension_gap_table(q, results, lang) if results.dimension_gaps else None,
            "item_gaps": scan_report.item_gap_table(q, results, lang, custom_likert) if results.item_gaps else None,
            "no_gaps": scan_report.t(lang, "no_gaps", n=results.min_group_size),
            "dimension_tables": [
                {
                    "id": d.id,
                    "label": d.label.get(lang),
                    "description": d.description.get(lang),
                    "table": scan_report.item_table(
                        q, results, [(i.id, i.statement(None, lang)) for i in d.items], lang, d.label.get(lang)
                    ),
                }
                for d in q.dimensions
            ],
            "custom_table": scan_report.item_table(
                q, results, list(custom_likert.items()), lang, scan_report.t(lang, "custom_head")
            )
            if custom_likert
            else None,
        }
    )
    return context


def question_label(*, q: mix_scan.Questionnaire, key: str, customs: Sequence[CustomQuestion], lang: str) -> str:
    open_question = next((o for o in q.open_questions if o.id == key), None)
    if open_question:
        return open_question.text.get(lang)
    return next((c.text for c in customs if c.key == key), key)


def instrument_links(*, ids: Sequence[str], lang: str) -> list[dict]:
    """Name and catalogue page of each instrument; ids the catalogue does not hold yet get no link."""
    try:
        catalogue = load_catalogue()
    except DataError:
        catalogue = None
    vocabulary = load_vocabulary()
    links = []
    for id_ in ids:
        instrument = catalogue.get(id_) if catalogue else None
        links.append(
            {
                "id": id_,
                "name": instrument.label(lang) if instrument else vocabulary.label("instruments", id_, lang),
                "summary": instrument.summary.get(lang) if instrument else "",
                "url": f"/instrumenten/{id_}/" if instrument else "",
            }
        )
    return links


def agenda_rows(*, q: mix_scan.Questionnaire, results: mix_scan.Results, chosen: Mapping[str, object], lang: str):
    """Every dimension, weakest first, with its score, agenda reasoning and fitting instruments."""
    vocabulary = load_vocabulary()
    ranked = {d: m for d, m in results.ranked_dimensions()}
    order = sorted(q.dimensions, key=lambda d: (ranked.get(d.id) is None, ranked.get(d.id) or 0, d.id))
    rows = []
    for dimension in order:
        agenda = dimension.agenda
        rows.append(
            {
                "id": dimension.id,
                "label": dimension.label.get(lang),
                "score": scan_report.number(ranked.get(dimension.id), lang),
                "reason": agenda.reason.get(lang),
                "goals": [vocabulary.label("goals", g, lang) for g in agenda.goals],
                "target_groups": [vocabulary.label("target_groups", g, lang) for g in agenda.target_groups],
                "instruments": instrument_links(ids=agenda.instruments, lang=lang),
                "priority": chosen.get(dimension.id),
            }
        )
    return rows


def trend_context(*, q: mix_scan.Questionnaire, rows: Sequence[mix_scan.TrendRow], lang: str, labels: tuple[str, str]):
    dimension_label = {d.id: d.label.get(lang) for d in q.dimensions}
    table_rows = [
        [
            q.group_label(row.group, lang),
            dimension_label.get(row.dimension, row.dimension),
            scan_report.number(row.before, lang),
            scan_report.number(row.after, lang),
            scan_report.signed(row.change, lang),
        ]
        for row in rows
    ]
    everyone = {row.dimension: row for row in rows if row.group == mix_scan.ALL}
    clusters = [
        Cluster(
            label=d.label.get(lang),
            values=[getattr(everyone.get(d.id), "before", None), getattr(everyone.get(d.id), "after", None)],
        )
        for d in q.dimensions
    ]
    chart = grouped_bars(
        uid="trend",
        title=_("Verandering per onderwerp, alle respondenten"),
        desc=_("Gemiddelde score van 1 tot 5 in de eerdere en de huidige ronde. De tabel geeft de cijfers per groep."),
        series=list(labels),
        clusters=clusters,
        fmt=lambda v: scan_report.number(v, lang),
    )
    headers = [_("Groep"), _("Onderwerp"), labels[0], labels[1], _("Verschil")]
    return {"trend_headers": headers, "trend_rows": table_rows, "trend_chart": chart}
