"""Writes for surveys: set-up with the form builder, and storing a response (online or from paper) whole or not
at all, as one processes.Contribution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from participatiemix.mix.text import clean_text, excerpt
from participatiemix.processes import services as process_services
from participatiemix.processes.models import Activity, Contribution, Participant
from participatiemix.surveys.answers import AnswerValue
from participatiemix.surveys.models import (
    CHOICE_KINDS,
    RULE_KINDS,
    TEXT_KINDS,
    Answer,
    Kind,
    Option,
    Question,
    Section,
    SkipRule,
    Survey,
    SurveyResponse,
    new_token,
)

KIND = "survey_response"


class DuplicateResponse(Exception):
    """This participant has already filled in this survey."""


# --------------------------------------------------------------------------- set-up


def survey_setup(activity: Activity) -> Survey:
    """An empty survey with one section for a new activity (the registry's `setup` hook)."""
    survey, created = Survey.objects.get_or_create(
        activity=activity, defaults={"title_nl": activity.title[:200], "intro_nl": activity.description[:3000]}
    )
    if created:
        Section.objects.create(survey=survey, position=0, title_nl=_("Vragen"), title_en="Questions")
        if not activity.allow_anonymous and activity.kind == Activity.Kind.ONLINE:
            activity.allow_anonymous = True
            activity.save(update_fields=["allow_anonymous"])
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, data: dict) -> Survey:
    for name in ("title_nl", "title_en", "intro_nl", "intro_en", "requires_account", "ask_profile", "closed"):
        if name in data:
            setattr(survey, name, data[name])
    survey.full_clean()
    survey.save()
    # The process decides who may take part through the activity: keep it in step with the survey.
    allow = not survey.requires_account
    if survey.activity.allow_anonymous != allow:
        survey.activity.allow_anonymous = allow
        survey.activity.save(update_fields=["allow_anonymous"])
    return survey


def structure_changed(survey: Survey) -> None:
    """A new structure token: cached structures of this survey are no longer used."""
    Survey.objects.filter(pk=survey.pk).update(structure_token=new_token())


def _next_position(queryset) -> int:
    top = queryset.aggregate(m=Max("position"))["m"]
    return 0 if top is None else top + 1


def section_add(*, survey: Survey, title_nl: str = "", title_en: str = "") -> Section:
    return Section.objects.create(
        survey=survey, position=_next_position(survey.sections), title_nl=title_nl[:200], title_en=title_en[:200]
    )


def section_update(*, section: Section, title_nl: str, title_en: str) -> Section:
    section.title_nl, section.title_en = title_nl[:200], title_en[:200]
    section.save(update_fields=["title_nl", "title_en"])
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    if section.survey.sections.count() <= 1:
        raise ValidationError(_("Een enquête heeft minstens één deel. Dit is het laatste deel."))
    if section.survey.responses.exists() and section.questions.exists():
        raise ValidationError(_("Er zijn al antwoorden. Vragen met antwoorden kunt u niet meer verwijderen."))
    section.delete()
    structure_changed(section.survey)


def _swap(items: list, obj, direction: str) -> None:
    i = next(n for n, item in enumerate(items) if item.pk == obj.pk)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def section_move(*, section: Section, direction: str) -> None:
    _swap(list(section.survey.sections.all()), section, direction)
    rules_check(survey=section.survey, repair=True)
    structure_changed(section.survey)


def _check_question(question: Question) -> None:
    if question.kind == Kind.SCALE:
        if question.min_value is None or question.max_value is None:
            question.min_value = 1 if question.min_value is None else question.min_value
            question.max_value = 5 if question.max_value is None else question.max_value
        if not 0 <= question.min_value < question.max_value <= 10:
            raise ValidationError(
                {
                    "max_value": _(
                        "Een schaal loopt van een laagste tot een hoogste waarde tussen 0 en "
                        "10, bijvoorbeeld van 1 tot en met 5."
                    )
                }
            )
    bounded = None not in (question.min_value, question.max_value)
    if question.kind == Kind.NUMBER and bounded and question.min_value > question.max_value:
        raise ValidationError({"max_value": _("De hoogste waarde moet groter zijn dan de laagste.")})


@transaction.atomic
def question_save(*, question: Question, options: list[tuple[int | None, str, str]] | None = None) -> Question:
    """Store a new or changed question; `options` is the full ordered list [(existing id or None, nl, en)], kept
    ids keep their answers. Options are only kept for choice questions."""
    _check_question(question)
    if question.pk is None:
        question.survey = question.section.survey
        question.position = _next_position(question.section.questions)
    else:
        stored_kind = Question.objects.filter(pk=question.pk).values_list("kind", flat=True).first()
        if stored_kind != question.kind and question.answers.exists():
            # Answers of one kind cannot be read as another (an option is no number).
            raise ValidationError({"kind": _("Deze vraag heeft al antwoorden. De soort vraag kan niet meer anders.")})
    question.full_clean()
    question.save()
    if question.kind in CHOICE_KINDS and options is not None:
        options_save(question=question, options=options)
    elif question.kind not in CHOICE_KINDS:
        question.options.all().delete()
    if question.kind not in RULE_KINDS:
        question.rules.all().delete()
    structure_changed(question.survey)
    return question


def options_save(*, question: Question, options: list[tuple[int | None, str, str]]) -> None:
    existing = {o.pk: o for o in question.options.all()}
    kept = set()
    rows = [(pk, clean_text(nl, multiline=False), clean_text(en, multiline=False)) for pk, nl, en in options]
    rows = [r for r in rows if r[1]]
    if len(rows) < 2:
        raise ValidationError({"options": _("Geef minstens twee keuzes (in het Nederlands).")})
    if len({r[1].casefold() for r in rows}) != len(rows):
        raise ValidationError({"options": _("Elke keuze mag maar één keer voorkomen.")})
    for position, (pk, nl, en) in enumerate(rows):
        option = existing.get(pk) or Option(question=question)
        option.position, option.label_nl, option.label_en = position, nl[:200], en[:200]
        option.save()
        kept.add(option.pk)
    removed = [pk for pk in existing if pk not in kept]
    if removed and Answer.objects.filter(option_id__in=removed).exists():
        raise ValidationError({"options": _("Een keuze die al gekozen is kunt u niet verwijderen. Pas de tekst aan.")})
    Option.objects.filter(pk__in=removed).delete()


@transaction.atomic
def question_delete(*, question: Question) -> None:
    if question.answers.exists():
        raise ValidationError(_("Deze vraag heeft al antwoorden. U kunt de vraag niet meer verwijderen."))
    question.delete()
    structure_changed(question.survey)


@transaction.atomic
def question_move(*, question: Question, direction: str) -> None:
    _swap(list(question.section.questions.all()), question, direction)
    rules_check(survey=question.survey, repair=True)
    structure_changed(question.survey)


def _ordered_ids(survey: Survey) -> list[int]:
    from participatiemix.surveys.selectors import survey_structure

    return [q.pk for q in survey_structure(survey=survey).questions]


@transaction.atomic
def rule_add(
    *, question: Question, option: Option | None = None, yes: bool | None = None, target: Question | None = None
) -> SkipRule:
    """'If the answer is X, go on at Y': Y must come after this question (or be the end)."""
    if question.kind not in RULE_KINDS:
        raise ValidationError(_("Een sprong kan alleen na een vraag met keuzes of ja/nee."))
    if question.kind == Kind.YES_NO:
        if yes is None:
            raise ValidationError(_("Kies bij welk antwoord (ja of nee) de sprong geldt."))
        option = None
    elif option is None or option.question_id != question.pk:
        raise ValidationError(_("Kies een keuze van deze vraag."))
    if target is not None:
        order = _ordered_ids(question.survey)
        if target.survey_id != question.survey_id or order.index(target.pk) <= order.index(question.pk) + 1:
            raise ValidationError(_("Een sprong gaat naar een latere vraag, minstens twee vragen verder."))
    rule = SkipRule.objects.create(question=question, option=option, yes=yes if option is None else None, target=target)
    structure_changed(question.survey)
    return rule


@transaction.atomic
def rule_delete(*, rule: SkipRule) -> None:
    survey = rule.question.survey
    rule.delete()
    structure_changed(survey)


def rules_check(*, survey: Survey, repair: bool = False) -> list[SkipRule]:
    """Rules whose target is no longer later than their question (after a move); removed when `repair`."""
    order = {pk: i for i, pk in enumerate(_ordered_ids(survey))}
    broken = [
        r
        for r in SkipRule.objects.filter(question__survey=survey)
        if r.target_id is not None and order.get(r.target_id, -1) <= order.get(r.question_id, 0) + 1
    ]
    if repair and broken:
        SkipRule.objects.filter(pk__in=[r.pk for r in broken]).delete()
        structure_changed(survey)
    return broken


# --------------------------------------------------------------------------- responses


def contribution_texts(*, kinds: dict[int, str], answers: Iterable[AnswerValue]) -> tuple[str, str]:
    """(summary, text) for the contribution: the first open answer shortened, and every open answer joined."""
    texts = [a.text for a in answers if a.text and kinds.get(a.question_id) in TEXT_KINDS]
    summary = excerpt(texts[0], 140) if texts else _("Enquête ingevuld")
    return summary, "\n\n".join(texts)


def response_store(
    *,
    survey: Survey,
    participant: Participant,
    answers: list[AnswerValue],
    kinds: dict[int, str],
    source: str = SurveyResponse.Source.ONLINE,
    lang: str = "nl",
    is_example: bool = False,
    created_at: dt.datetime | None = None,
) -> SurveyResponse:
    """Contribution, response and answers in one transaction: all stored or nothing."""
    summary, text = contribution_texts(kinds=kinds, answers=answers)
    try:
        with transaction.atomic():
            contribution = process_services.contribution_create(
                activity=survey.activity,
                participant=participant,
                kind=KIND,
                summary=summary,
                text=text,
                source=Contribution.Source.PAPER
                if source == SurveyResponse.Source.PAPER
                else Contribution.Source.ONLINE,
                is_example=is_example,
                created_at=created_at,
            )
            response = SurveyResponse.objects.create(
                contribution=contribution, survey=survey, participant=participant, source=source, lang=lang
            )
            Answer.objects.bulk_create(
                Answer(
                    response=response,
                    question_id=a.question_id,
                    option_id=a.option_id,
                    number=a.number,
                    rank=a.rank,
                    text=a.text,
                )
                for a in answers
            )
    except IntegrityError as exc:
        raise DuplicateResponse from exc
    return response
