"""Reads for surveys: the structure of a survey, its results (counted in the database), exports, own answers.

How the results stay fast over 100,000 responses x 20 questions (about 1.5-2 million answer rows):

- Every closed question is counted by ONE grouped query over `Answer`: GROUP BY question, option, number,
  rank, restricted to the survey's question ids. The index `survey_answer_counting` holds exactly those
  columns, so PostgreSQL answers it from the index alone; it returns a few hundred rows, whatever the number
  of responses.
- How many people answered each question comes from the same grouped rows (no COUNT(DISTINCT)): one row per
  person for most kinds, the first place for a ranking, and for multiple choice each row carries the number of
  options that person chose, so the people are the sum of n / k.
- Respondents per source is one grouped query on `SurveyResponse` (index survey, source).
- Open answers: per open question one query for the latest `TEXT_SAMPLE` texts (index question, id, read
  backwards with a LIMIT).
- A profile filter narrows the responses first (response -> participant -> profile) and the answers are
  restricted to those with a semi-join; a group under MIN_GROUP gets no figures at all (no counting query runs).

So the page runs a fixed number of queries: structure 4, results 2 plus one per open question.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from participatiemix.processes.models import MIN_GROUP, Profile
from participatiemix.site.i18n import current_lang
from participatiemix.surveys.answers import OptionData, QuestionData, RuleData, Structure
from participatiemix.surveys.models import (
    TEXT_KINDS,
    Answer,
    Option,
    Question,
    Section,
    SkipRule,
    Survey,
    SurveyResponse,
)

TEXT_SAMPLE = 400  # open answers per question read for the themes


# --------------------------------------------------------------------------- structure


@dataclass
class StructureView:
    """The survey as the pages need it: sections with their questions (model objects) and the checkable data."""

    sections: list[Section]
    questions: list[Question]
    structure: Structure
    by_section: dict[int, list[Question]] = field(default_factory=dict)


def survey_structure(*, survey: Survey, lang: str | None = None) -> StructureView:
    """Four queries: sections, questions, options, rules."""
    lang = lang or current_lang()
    sections = list(Section.objects.filter(survey=survey))
    order = {s.pk: i for i, s in enumerate(sections)}
    questions = sorted(
        Question.objects.filter(survey=survey), key=lambda q: (order.get(q.section_id, 0), q.position, q.pk)
    )
    options: dict[int, list[Option]] = defaultdict(list)
    for o in Option.objects.filter(question__survey=survey):
        options[o.question_id].append(o)
    rules: dict[int, list[SkipRule]] = defaultdict(list)
    for r in SkipRule.objects.filter(question__survey=survey):
        rules[r.question_id].append(r)
    data = []
    by_section: dict[int, list[Question]] = defaultdict(list)
    for number, q in enumerate(questions, start=1):
        q.number = number
        q.option_list = options[q.pk]
        q.rule_list = rules[q.pk]
        by_section[q.section_id].append(q)
        data.append(
            QuestionData(
                id=q.pk,
                number=number,
                kind=q.kind,
                text=q.t("text", lang),
                required=q.required,
                options=tuple(OptionData(o.pk, o.t("label", lang)) for o in q.option_list),
                rules=tuple(RuleData(r.option_id, r.yes, r.target_id) for r in q.rule_list),
                min_value=q.min_value,
                max_value=q.max_value,
            )
        )
    for s in sections:
        s.question_list = by_section[s.pk]
    return StructureView(sections, questions, Structure(survey.pk, tuple(data)), by_section)


_CHECKABLE: dict[tuple[int, str, str], tuple[Structure, dict[int, str]]] = {}
_CHECKABLE_LIMIT = 256


def checkable_structure(*, survey: Survey, lang: str | None = None) -> tuple[Structure, dict[int, str]]:
    """(Structure, {question id: kind}) for checking a submission, kept in memory per survey, structure token and
    language: the submission path then reads no questions at all. The token changes with every builder change."""
    lang = lang or current_lang()
    key = (survey.pk, survey.structure_token, lang)
    cached = _CHECKABLE.get(key)
    if cached is None:
        view = survey_structure(survey=survey, lang=lang)
        cached = (view.structure, {q.pk: q.kind for q in view.questions})
        if len(_CHECKABLE) >= _CHECKABLE_LIMIT:
            _CHECKABLE.clear()
        _CHECKABLE[key] = cached
    return cached


def skip_hints(view: StructureView, lang: str | None = None) -> dict[int, list[str]]:
    """{question id: ["Antwoordde u 'Nee'? Ga dan verder met vraag 7."]}: the skip logic in words (no JS needed)."""
    lang = lang or current_lang()
    numbers = {q.pk: q.number for q in view.questions}
    labels = {o.pk: o.t("label", lang) for q in view.questions for o in q.option_list}
    hints: dict[int, list[str]] = defaultdict(list)
    for q in view.questions:
        for r in q.rule_list:
            answer = labels.get(r.option_id) if r.option_id else (_("Ja") if r.yes else _("Nee"))
            if r.target_id:
                hints[q.pk].append(
                    _("Antwoordt u ‘%(answer)s’? Ga dan verder met vraag %(n)s.")
                    % {"answer": answer, "n": numbers.get(r.target_id)}
                )
            else:
                hints[q.pk].append(
                    _("Antwoordt u ‘%(answer)s’? Dan bent u klaar: ga naar ‘Versturen’.") % {"answer": answer}
                )
    return hints


# --------------------------------------------------------------------------- who answered


def response_of(*, survey: Survey, participant) -> SurveyResponse | None:
    if participant is None:
        return None
    return SurveyResponse.objects.filter(survey=survey, participant=participant).first()


# --------------------------------------------------------------------------- results

PROFILE_FILTERS = ("age_band", "district", "target_group")


def _filtered(queryset: QuerySet, prefix: str, filters: dict[str, str]) -> QuerySet:
    for name, value in filters.items():
        if not value:
            continue
        if name == "target_group":
            # JSON containment where the database has it (PostgreSQL); SQLite matches the quoted id in the text.
            if _json_contains_ok():
                lookup = {f"{prefix}participant__profile__target_groups__contains": [value]}
            else:
                lookup = {f"{prefix}participant__profile__target_groups__icontains": f'"{value}"'}
            queryset = queryset.filter(**lookup)
        else:
            queryset = queryset.filter(**{f"{prefix}participant__profile__{name}": value})
    return queryset


def _json_contains_ok() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


@dataclass
class QuestionResult:
    question: Question
    total: int = 0  # respondents who answered it
    rows: list[tuple[str, int]] = field(default_factory=list)  # (label, count) for the chart and table
    extra: list[tuple[str, str]] = field(default_factory=list)  # e.g. ("Gemiddelde", "3,4")
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    respondents: int
    by_source: dict[str, int]
    too_few: bool
    questions: list[QuestionResult]


def _number_rows(question: Question, counts: dict[int, int]) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    if not counts:
        return [], []
    total = sum(counts.values())
    mean = sum(v * n for v, n in counts.items()) / total
    extra = [
        (_("Gemiddelde"), f"{mean:.1f}".replace(".", ",")),
        (_("Laagste"), str(min(counts))),
        (_("Hoogste"), str(max(counts))),
    ]
    if question.kind == "scale" or len(counts) <= 11:
        low = question.min_value if question.min_value is not None else min(counts)
        high = question.max_value if question.max_value is not None else max(counts)
        if high - low <= 20:
            return [(str(v), counts.get(v, 0)) for v in range(low, high + 1)], extra
    low, high = min(counts), max(counts)
    width = max(1, -(-(high - low + 1) // 5))
    buckets = []
    for start in range(low, high + 1, width):
        end = start + width - 1
        buckets.append((f"{start}–{end}", sum(n for v, n in counts.items() if start <= v <= end)))
    return buckets, extra


def _people(kind: str, rows: list[dict]) -> int:
    """People who answered, from the grouped rows alone: one row per person, except multiple choice (k rows,
    each carrying k: sum n/k) and ranking (one first place per person)."""
    if kind == "multiple":
        return round(sum(row["n"] / row["number"] for row in rows if row["number"]))
    if kind == "ranking":
        return sum(row["n"] for row in rows if row["rank"] == 1)
    return sum(row["n"] for row in rows)


def survey_results(
    *, survey: Survey, view: StructureView, filters: dict[str, str] | None = None, lang: str | None = None
) -> Results:
    """Figures per question for everyone, or for one profile group (only when it has MIN_GROUP people or more)."""
    lang = lang or current_lang()
    filters = {k: v for k, v in (filters or {}).items() if v}
    responses = _filtered(SurveyResponse.objects.filter(survey=survey), "", filters)
    by_source = dict(responses.values_list("source").annotate(n=Count("id")).order_by())
    respondents = sum(by_source.values())
    if filters and respondents < MIN_GROUP:
        return Results(respondents, by_source, True, [])
    question_ids = [q.pk for q in view.questions]
    answers = Answer.objects.filter(question_id__in=question_ids)
    if filters:
        # A semi-join on the (small) set of the group's responses, not a join per answer row to the profile.
        answers = answers.filter(response_id__in=responses.values("pk"))
    grouped = answers.values("question_id", "option_id", "number", "rank").annotate(n=Count("*")).order_by()
    per_question: dict[int, list[dict]] = defaultdict(list)
    for row in grouped:
        per_question[row["question_id"]].append(row)
    texts: dict[int, list[str]] = {}
    for q in view.questions:
        if q.kind in TEXT_KINDS:
            # One short query per open question, walking index (question, id) backwards.
            recent = answers.filter(question_id=q.pk).order_by("-id").values_list("text", flat=True)[:TEXT_SAMPLE]
            texts[q.pk] = list(recent)
    results = []
    for q in view.questions:
        rows = per_question.get(q.pk, [])
        result = QuestionResult(question=q, total=_people(q.kind, rows), texts=texts.get(q.pk, []))
        if q.kind in ("single", "multiple"):
            counts = defaultdict(int)
            for row in rows:
                counts[row["option_id"]] += row["n"]
            result.rows = [(o.t("label", lang), counts.get(o.pk, 0)) for o in q.option_list]
        elif q.kind == "ranking":
            # Points: first place gets n points, last place 1 (a Borda count), so the chart reads "most preferred".
            n = len(q.option_list)
            points, ranks = defaultdict(int), defaultdict(lambda: [0, 0])
            for row in rows:
                points[row["option_id"]] += (n + 1 - row["rank"]) * row["n"] if row["rank"] else 0
                ranks[row["option_id"]][0] += row["rank"] * row["n"] if row["rank"] else 0
                ranks[row["option_id"]][1] += row["n"]
            result.rows = [(o.t("label", lang), points.get(o.pk, 0)) for o in q.option_list]
            result.extra = [
                (o.t("label", lang), f"{ranks[o.pk][0] / ranks[o.pk][1]:.1f}".replace(".", ","))
                for o in q.option_list
                if ranks[o.pk][1]
            ]
        elif q.kind == "yes_no":
            counts = defaultdict(int)
            for row in rows:
                counts[row["number"]] += row["n"]
            result.rows = [(_("Ja"), counts.get(1, 0)), (_("Nee"), counts.get(0, 0))]
        elif q.kind in ("scale", "number"):
            counts = {}
            for row in rows:
                if row["number"] is not None:
                    counts[row["number"]] = counts.get(row["number"], 0) + row["n"]
            result.rows, result.extra = _number_rows(q, counts)
        results.append(result)
    return Results(respondents, by_source, False, results)


def profile_options(*, survey: Survey, lang: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """The choices of the voluntary profile questions for this survey's process."""
    from participatiemix.mix.vocabulary import load_vocabulary

    lang = lang or current_lang()
    process = survey.activity.phase.process
    vocab = load_vocabulary()
    case = (process.plan_version.advice or {}).get("case") or {}
    groups = [(g, vocab.label("target_groups", g, lang) or g) for g in case.get("target_groups") or []]
    return {
        "age_band": [(v, str(label)) for v, label in Profile.AgeBand.choices],
        "district": [(d, d) for d in process.districts or []],
        "target_group": groups,
    }


# --------------------------------------------------------------------------- exports and own answers


def answer_table(*, survey: Survey, view: StructureView, lang: str = "nl", responses: QuerySet | None = None):
    """(headers, rows): one row per response, one column per question (chosen labels joined; rankings in order).

    `rows` is a generator: responses and answers are both read in response order and merged as they come, so a
    100,000-response export holds one response in memory at a time."""
    responses = responses if responses is not None else SurveyResponse.objects.filter(survey=survey)
    headers = ["id", "bron" if lang == "nl" else "source", "datum" if lang == "nl" else "date"]
    headers += [f"{q.number}. {q.t('text', lang)}" for q in view.questions]
    return headers, _answer_rows(view, lang, responses)


def _answer_rows(view: StructureView, lang: str, responses: QuerySet):
    labels = {o.pk: o.t("label", lang) for q in view.questions for o in q.option_list}
    columns = {q.pk: i for i, q in enumerate(view.questions)}
    yes_no = {q.pk for q in view.questions if q.kind == "yes_no"}
    words = {1: "ja" if lang == "nl" else "yes", 0: "nee" if lang == "nl" else "no"}
    meta = responses.order_by("pk").values_list("pk", "source", "created_at").iterator(chunk_size=2000)
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"))
        .order_by("response_id", "question_id", "rank", "pk")
        .values_list("response_id", "question_id", "option_id", "number", "text")
        .iterator(chunk_size=10000)
    )
    pending = next(answers, None)
    for pk, source, created in meta:
        cells: list[list] = [[] for _ in view.questions]
        while pending is not None and pending[0] <= pk:
            response_id, qid, option_id, number, text = pending
            if response_id == pk and qid in columns:
                if option_id:
                    value = labels.get(option_id, "")
                elif qid in yes_no:
                    value = words.get(number, "")
                else:
                    value = number if number is not None else text
                cells[columns[qid]].append(value)
            pending = next(answers, None)
        row = [pk, source, created.date().isoformat()]
        row += [values[0] if len(values) == 1 else "; ".join(str(v) for v in values) for values in cells]
        yield row
