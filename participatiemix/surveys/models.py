"""The survey (enquête): sections, questions with options and skip rules, and responses as normalised answer rows.

Why normalised answers: results are counted in the database. One GROUP BY over `Answer` (question, option,
number, rank), served by the index on (question, option), gives every closed question's figures in one query,
so the results page needs a fixed number of queries whatever the number of responses (see selectors.py).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from participatiemix.site.i18n import current_lang

SURVEY_PATH = "survey__activity__phase__process__organisation"


class Bilingual:
    """`obj.t("title")`: the text in the current language, Dutch when there is no English."""

    def t(self, name: str, lang: str | None = None) -> str:
        lang = lang or current_lang()
        if lang == "en":
            return getattr(self, f"{name}_en", "") or getattr(self, f"{name}_nl", "")
        return getattr(self, f"{name}_nl", "")


def new_token() -> str:
    return uuid.uuid4().hex


class Survey(Bilingual, models.Model):
    organisation_path = "activity__phase__process__organisation"

    activity = models.OneToOneField(
        "processes.Activity", verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="survey"
    )
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=200)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    intro_nl = models.TextField(_("inleiding (Nederlands)"), max_length=3000, blank=True)
    intro_en = models.TextField(_("inleiding (Engels)"), max_length=3000, blank=True)
    requires_account = models.BooleanField(
        _("alleen met een account"),
        default=False,
        help_text=_("Uit: iedereen mag meedoen zonder account (één keer per browser)."),
    )
    ask_profile = models.BooleanField(
        _("vrijwillige vragen over de deelnemer stellen"),
        default=True,
        help_text=_("Leeftijd, wijk en doelgroep. Altijd vrijwillig en apart bewaard."),
    )
    closed = models.BooleanField(_("gesloten"), default=False, help_text=_("Gesloten: niemand kan nog antwoorden."))
    # Changes with every change to sections, questions, options or rules: the key of the cached structure that
    # checks submissions (selectors.checkable_structure), so a changed survey is never checked against old data.
    structure_token = models.CharField(max_length=32, default=new_token, editable=False)

    class Meta:
        verbose_name = _("enquête")
        verbose_name_plural = _("enquêtes")

    def __str__(self) -> str:
        return self.title_nl


class Section(Bilingual, models.Model):
    organisation_path = SURVEY_PATH

    survey = models.ForeignKey(Survey, verbose_name=_("enquête"), on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=200, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deel")
        verbose_name_plural = _("delen")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title_nl or f"#{self.pk}"


class Kind(models.TextChoices):
    SINGLE = "single", _("Eén keuze")
    MULTIPLE = "multiple", _("Meer keuzes")
    SCALE = "scale", _("Schaal")
    RANKING = "ranking", _("Rangorde")
    SHORT_TEXT = "short_text", _("Korte tekst")
    LONG_TEXT = "long_text", _("Lange tekst")
    NUMBER = "number", _("Getal")
    YES_NO = "yes_no", _("Ja of nee")


CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING}
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
RULE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO}


class Question(Bilingual, models.Model):
    organisation_path = SURVEY_PATH

    # The survey is stored on the question too, so results and validation load all questions in one query.
    survey = models.ForeignKey(Survey, verbose_name=_("enquête"), on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, verbose_name=_("deel"), on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort vraag"), max_length=12, choices=Kind.choices)
    required = models.BooleanField(_("verplicht"), default=False)
    text_nl = models.CharField(_("vraag (Nederlands)"), max_length=500)
    text_en = models.CharField(_("vraag (Engels)"), max_length=500, blank=True)
    help_nl = models.CharField(_("uitleg (Nederlands)"), max_length=500, blank=True)
    help_en = models.CharField(_("uitleg (Engels)"), max_length=500, blank=True)
    min_value = models.IntegerField(_("laagste waarde"), null=True, blank=True)
    max_value = models.IntegerField(_("hoogste waarde"), null=True, blank=True)
    min_label_nl = models.CharField(_("woord bij laagste (Nederlands)"), max_length=60, blank=True)
    min_label_en = models.CharField(_("woord bij laagste (Engels)"), max_length=60, blank=True)
    max_label_nl = models.CharField(_("woord bij hoogste (Nederlands)"), max_length=60, blank=True)
    max_label_en = models.CharField(_("woord bij hoogste (Engels)"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self) -> str:
        return self.text_nl

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Option(Bilingual, models.Model):
    """One answer choice. Its id stays the same when the label changes, so answers keep pointing at it."""

    organisation_path = "question__" + SURVEY_PATH

    question = models.ForeignKey(Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label_nl = models.CharField(_("keuze (Nederlands)"), max_length=200)
    label_en = models.CharField(_("keuze (Engels)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("keuze")
        verbose_name_plural = _("keuzes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label_nl


class SkipRule(models.Model):
    """If the answer to `question` is `option` (or yes/no), go on at `target`, a later question (empty: the end)."""

    organisation_path = "question__" + SURVEY_PATH

    question = models.ForeignKey(Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="rules")
    option = models.ForeignKey(
        Option, verbose_name=_("als het antwoord is"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    yes = models.BooleanField(_("als het antwoord ja is"), null=True, blank=True)  # yes_no questions
    target = models.ForeignKey(
        Question, verbose_name=_("ga verder met"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sprongregel")
        verbose_name_plural = _("sprongregels")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.question_id} -> {self.target_id or 'einde'}"


class SurveyResponse(models.Model):
    """One filled-in survey: exactly one processes.Contribution (kind survey_response)."""

    organisation_path = SURVEY_PATH

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Op papier")

    contribution = models.OneToOneField(
        "processes.Contribution", verbose_name=_("inbreng"), on_delete=models.CASCADE, related_name="survey_response"
    )
    survey = models.ForeignKey(Survey, verbose_name=_("enquête"), on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        "processes.Participant", verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    lang = models.CharField(_("taal"), max_length=5, default="nl")
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ingevulde enquête")
        verbose_name_plural = _("ingevulde enquêtes")
        ordering = ["pk"]
        constraints = [
            # Once per person: a second submission (two tabs, a double click) fails as a whole.
            models.UniqueConstraint(fields=["survey", "participant"], name="survey_once_per_participant")
        ]
        indexes = [models.Index(fields=["survey", "source"])]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer row: a chosen option (single; multiple: one row per option, `number` = how many options that
    person chose), an option with its rank (ranking: one row per ranked option, places 1..k), a number (scale,
    number; yes/no as 1 or 0) or a text."""

    organisation_path = "response__" + SURVEY_PATH

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    number = models.IntegerField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=5000, blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        indexes = [
            # Covers the one GROUP BY of the results page, with the response for profile filters: PostgreSQL
            # answers it from the index alone (an index-only scan), without reading the table.
            models.Index(
                fields=["question", "option", "number", "rank"], include=["response"], name="survey_answer_counting"
            ),
            # The latest open answers per question (themes), read backwards with a LIMIT.
            models.Index(fields=["question", "id"], name="survey_answer_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.number or self.text[:40]}"
