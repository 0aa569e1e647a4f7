"""Zelfscan reads: counts, aggregated results (database aggregates + mix/scan.py), themes, trends."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from participatiemix.mix import scan as mix_scan
from participatiemix.scan.models import Answer, CustomQuestion, OpenAnswer, Response, RoundGroup, ScanRound


def rounds_list() -> QuerySet[ScanRound]:
    return ScanRound.objects.annotate(response_count=Count("groups__responses")).order_by("-opens_on", "-pk")


def round_groups(*, scan_round: ScanRound) -> list[RoundGroup]:
    return list(scan_round.groups.annotate(code_count=Count("codes")).order_by("pk"))


def response_counts(*, scan_round: ScanRound) -> dict[str, int]:
    """Responses per selected group (0 for a group without responses yet), in one query."""
    counts = {g.group: 0 for g in scan_round.groups.all()}
    rows = Response.objects.filter(round_group__round=scan_round).values("round_group__group").annotate(n=Count("id"))
    for row in rows:
        counts[row["round_group__group"]] = row["n"]
    return counts


def used_code_counts(*, scan_round: ScanRound) -> dict[str, tuple[int, int]]:
    """(used, issued) codes per closed group."""
    rows = (
        RoundGroup.objects.filter(round=scan_round)
        .values("group")
        .annotate(issued=Count("codes"), used=Count("codes", filter=Q(codes__used=True)))
    )
    return {r["group"]: (r["used"], r["issued"]) for r in rows}


def custom_questions(*, scan_round: ScanRound) -> list[CustomQuestion]:
    return list(scan_round.custom_questions.all())


def item_dimension_map(*, scan_round: ScanRound, customs: list[CustomQuestion] | None = None) -> dict[str, str]:
    questionnaire = scan_round.questionnaire
    mapping = {i.id: d.id for d in questionnaire.dimensions for i in d.items}
    for question in customs if customs is not None else custom_questions(scan_round=scan_round):
        if question.kind == "likert":
            mapping[question.key] = ""
    return mapping


def round_results(*, scan_round: ScanRound, customs: list[CustomQuestion] | None = None) -> mix_scan.Results:
    """Aggregate every answer of a round: one grouped query (a few hundred rows), then pure Python."""
    counts = response_counts(scan_round=scan_round)
    rows = (
        Answer.objects.filter(response__round_group__round=scan_round)
        .values_list("response__round_group__group", "item", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    return mix_scan.aggregate(
        item_dimension=item_dimension_map(scan_round=scan_round, customs=customs), counts=counts, rows=rows
    )


@dataclass(frozen=True)
class OpenThemes:
    question: str  # questionnaire id or custom key
    total: int
    groups: list[mix_scan.TextGroup]


def open_answer_themes(*, scan_round: ScanRound, results: mix_scan.Results) -> list[OpenThemes]:
    """Open answers per question grouped by theme; answers of hidden (too small) groups are left out.

    Grouping is cached per round and number of answers: a new answer gives a fresh grouping.
    """
    excluded = set(results.hidden_groups)
    rows = (
        OpenAnswer.objects.filter(response__round_group__round=scan_round)
        .exclude(response__round_group__group__in=excluded)
        .order_by("pk")
        .values_list("question", "text")
    )
    texts: dict[str, list[str]] = defaultdict(list)
    for question, text in rows:
        texts[question].append(text)
    total = sum(len(v) for v in texts.values())
    key = f"scan:themes:{scan_round.pk}:{total}:{','.join(sorted(excluded))}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    themes = [
        OpenThemes(question=q, total=len(texts[q]), groups=mix_scan.group_texts(texts[q]))
        for q in _open_question_order(scan_round=scan_round)
        if texts.get(q)
    ]
    cache.set(key, themes, 60 * 60)
    return themes


def _open_question_order(*, scan_round: ScanRound) -> list[str]:
    order = list(scan_round.questionnaire.open_ids)
    order += [q.key for q in scan_round.custom_questions.all() if q.kind == "open"]
    return order


def earlier_rounds(*, scan_round: ScanRound) -> QuerySet[ScanRound]:
    """Rounds of the same organisation and municipality that opened before this one (for the trend)."""
    return ScanRound.objects.filter(
        organisation_id=scan_round.organisation_id,
        municipality__iexact=scan_round.municipality,
        opens_on__lte=scan_round.opens_on,
    ).exclude(pk=scan_round.pk)


def round_trend(*, scan_round: ScanRound, earlier: ScanRound) -> list[mix_scan.TrendRow]:
    later_results = round_results(scan_round=scan_round)
    earlier_results = round_results(scan_round=earlier)
    dimension_ids = [d.id for d in scan_round.questionnaire.dimensions]
    return mix_scan.trend(earlier=earlier_results, later=later_results, dimension_ids=dimension_ids)
