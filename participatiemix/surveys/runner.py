"""Registers the survey (enquête) as a runnable instrument: the only way the process pages and the council report
learn about surveys."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participatiemix.processes.registry import RunnableInstrument, register


def _survey(activity):
    from participatiemix.surveys.models import Survey

    return Survey.objects.filter(activity=activity).first()


def setup(activity) -> None:
    from participatiemix.surveys.services import survey_setup

    survey_setup(activity)


def setup_url(activity) -> str | None:
    survey = _survey(activity)
    return reverse("surveys:builder", args=[survey.pk]) if survey else None


def public_url(activity) -> str | None:
    survey = _survey(activity)
    return reverse("surveys:respond", args=[survey.pk]) if survey else None


def participants(activities) -> dict[int, int]:
    from participatiemix.surveys.models import SurveyResponse

    rows = (
        SurveyResponse.objects.filter(survey__activity__in=activities)
        .values_list("survey__activity_id")
        .annotate(n=Count("participant_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def summary(activity) -> list[str]:
    from participatiemix.surveys.models import SurveyResponse

    counts = dict(
        SurveyResponse.objects.filter(survey__activity=activity)
        .values_list("source")
        .annotate(n=Count("id"))
        .order_by()
    )
    total, paper = sum(counts.values()), counts.get("paper", 0)
    if not total:
        return [_("Nog geen antwoorden")]
    if paper:
        return [_("%(total)s antwoorden, waarvan %(paper)s op papier") % {"total": total, "paper": paper}]
    return [_("%(total)s antwoorden") % {"total": total}]


def exports(activity) -> list[tuple[str, str]]:
    survey = _survey(activity)
    if survey is None:
        return []
    return [
        ("CSV", reverse("surveys:export", args=[survey.pk, "csv"])),
        ("Excel", reverse("surveys:export", args=[survey.pk, "xlsx"])),
    ]


def contribution_url(contribution) -> str | None:
    if contribution.kind != "survey_response":
        return None
    return reverse("surveys:own", args=[contribution.pk])


def personal_data(participant) -> list[dict]:
    """Every survey this participant filled in, with their answers (for "download my data")."""
    from participatiemix.surveys.models import SurveyResponse
    from participatiemix.surveys.selectors import answer_table, survey_structure

    data = []
    for response in SurveyResponse.objects.filter(participant=participant).select_related("survey"):
        view = survey_structure(survey=response.survey, lang="nl")
        headers, rows = answer_table(
            survey=response.survey, view=view, lang="nl", responses=SurveyResponse.objects.filter(pk=response.pk)
        )
        data.append(
            {
                "enquete": response.survey.title_nl,
                "ingevuld_op": response.created_at.isoformat(),
                "bron": response.source,
                "antwoorden": {h: v for h, v in zip(headers[3:], next(rows)[3:], strict=True) if v != ""},
            }
        )
    return data


def generate_load(activity, n: int, seed: int) -> int:
    """Benchmark data (CONTRACTS §7): n generated responses in bulk, each one contribution."""
    from participatiemix.surveys.load import generate_responses

    return generate_responses(activity.survey, n, seed)


register(
    RunnableInstrument(
        app="surveys",
        label=gettext_lazy("Enquête"),
        kind="online",
        catalogue_ids=frozenset({"enquete", "peiling"}),
        collects=gettext_lazy("antwoorden op vragen"),
        setup=setup,
        setup_url=setup_url,
        public_url=public_url,
        participants=participants,
        summary=summary,
        exports=exports,
        contribution_url=contribution_url,
        personal_data=personal_data,
        load_generators={"survey_responses": generate_load},
    )
)
