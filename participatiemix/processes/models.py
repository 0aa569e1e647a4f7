"""A running process: a plan version put to work, with phases, activities, participants and contributions.

Nothing here is instrument-specific. An instrument app (surveys, meetings, ...) keeps its own records and hands
every piece of input to the process as one `Contribution` (CONTRACTS §5): one survey response, one item of
meeting input, one idea, one comment, one signature. The feedback loop and the council report count and follow
contributions only.

A participant's voluntary profile lives in its own table (`Profile`), apart from what they said; reports use it
only in groups of 5 or more.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The smallest group a profile figure is reported for (privacy): fewer people could be recognised.
MIN_GROUP = 5


class Process(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In voorbereiding")
        PUBLISHED = "published", _("Gepubliceerd")
        CLOSED = "closed", _("Afgesloten")

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="processes"
    )
    plan = models.ForeignKey("plans.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="processes")
    plan_version = models.ForeignKey(
        "plans.PlanVersion", verbose_name=_("planversie"), on_delete=models.PROTECT, related_name="processes"
    )
    slug = models.SlugField(_("korte naam in de link"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    municipality = models.CharField(_("gemeente"), max_length=200, blank=True)
    question = models.TextField(_("vraag aan inwoners"), max_length=2000, blank=True)
    introduction = models.TextField(_("inleiding"), max_length=4000, blank=True)
    contact = models.CharField(_("contact voor vragen"), max_length=300, blank=True)
    districts = models.JSONField(_("wijken en kernen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_example = models.BooleanField(_("voorbeeldgegevens"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("proces")
        verbose_name_plural = _("processen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("processes:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class PhaseState(models.TextChoices):
    UPCOMING = "upcoming", _("Nog niet begonnen")
    OPEN = "open", _("Nu open")
    CLOSED = "closed", _("Afgerond")


class Phase(models.Model):
    organisation_path = "process__organisation"

    process = models.ForeignKey(Process, verbose_name=_("proces"), on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("fase"), max_length=40)  # vocabulary `phases` id
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    goals = models.JSONField(_("doelen"), default=list, blank=True)  # vocabulary `goals` ids
    level = models.CharField(_("rol van inwoners"), max_length=20)  # vocabulary `levels` id
    promise = models.TextField(_("wat gebeurt er met uw inbreng"), max_length=2000)
    starts = models.DateField(_("begint op"))
    ends = models.DateField(_("eindigt op"))
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)  # planned, vocabulary ids
    # "U zei, wij deden": what the municipality did with this phase's input, in plain words (staff write it).
    we_did = models.TextField(_("wat wij deden met uw inbreng"), max_length=4000, blank=True)
    judgement = models.TextField(_("oordeel: is het doel bereikt?"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["process", "position"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="phase_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.phase}"

    def state(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.starts:
            return PhaseState.UPCOMING
        if today > self.ends:
            return PhaseState.CLOSED
        return PhaseState.OPEN


class Activity(models.Model):
    """One instrument of the mix in one phase. `app` names the registered runnable instrument that runs it."""

    organisation_path = "phase__process__organisation"

    class Kind(models.TextChoices):
        ONLINE = "online", _("Online")
        OFFLINE = "offline", _("Op locatie")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        CANCELLED = "cancelled", _("Niet doorgegaan")

    phase = models.ForeignKey(Phase, verbose_name=_("fase"), on_delete=models.CASCADE, related_name="activities")
    instrument = models.CharField(_("instrument"), max_length=60)  # catalogue id
    app = models.CharField(_("onderdeel"), max_length=40)  # registry key, e.g. "surveys", "meetings"
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), max_length=4000, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    from_plan = models.BooleanField(_("uit het plan"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    allow_anonymous = models.BooleanField(_("meedoen zonder account"), default=False)
    # Optional dates within the phase; empty means the phase's own dates.
    starts = models.DateField(_("open vanaf"), null=True, blank=True)
    ends = models.DateField(_("open tot en met"), null=True, blank=True)
    planned_cost_eur = models.PositiveIntegerField(_("geplande kosten (euro)"), null=True, blank=True)
    actual_cost_eur = models.PositiveIntegerField(_("werkelijke kosten (euro)"), null=True, blank=True)
    planned_hours = models.PositiveIntegerField(_("geplande uren"), null=True, blank=True)
    actual_hours = models.PositiveIntegerField(_("werkelijke uren"), null=True, blank=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["phase__position", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def opens(self) -> dt.date:
        return self.starts or self.phase.starts

    def closes(self) -> dt.date:
        return self.ends or self.phase.ends

    def is_open(self, today: dt.date | None = None) -> bool:
        """Participants may act only while the activity's own window (inside its phase) is open."""
        today = today or timezone.localdate()
        return (
            self.phase.process.is_public
            and self.phase.process.status != Process.Status.CLOSED
            and self.status != self.Status.CANCELLED
            and self.opens() <= today <= self.closes()
        )


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """A person taking part in one process: with an account (`user`) or anonymous (the key lives in their
    browser session, so they can still find their own input). Paper and meeting input has no user."""

    organisation_path = "process__organisation"

    process = models.ForeignKey(
        Process, verbose_name=_("proces"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
    )
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    is_example = models.BooleanField(_("voorbeeldgegevens"), default=False)
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user"], condition=models.Q(user__isnull=False), name="one_participant_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} #{self.pk}"


class Profile(models.Model):
    """The voluntary profile, apart from the input. Every field may stay empty."""

    organisation_path = "participant__process__organisation"

    class AgeBand(models.TextChoices):
        UNDER_18 = "u18", _("jonger dan 18")
        AGE_18_29 = "18-29", _("18 tot 30")
        AGE_30_44 = "30-44", _("30 tot 45")
        AGE_45_64 = "45-64", _("45 tot 65")
        AGE_65_PLUS = "65+", _("65 of ouder")

    participant = models.OneToOneField(
        Participant, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="profile"
    )
    age_band = models.CharField(_("leeftijd"), max_length=8, choices=AgeBand.choices, blank=True)
    district = models.CharField(_("wijk of kern"), max_length=100, blank=True)
    target_groups = models.JSONField(_("ik hoor bij"), default=list, blank=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    IN_PROGRESS = "in_progress", _("In behandeling")
    ADOPTED = "adopted", _("Verwerkt")
    NOT_ADOPTED = "not_adopted", _("Niet overgenomen")


class Contribution(models.Model):
    """One piece of input (CONTRACTS §5), whatever instrument it came through, with its feedback status."""

    organisation_path = "activity__phase__process__organisation"

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Op papier")
        MEETING = "meeting", _("Tijdens een bijeenkomst")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="contributions"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contributions",
    )
    kind = models.CharField(_("soort inbreng"), max_length=30)  # e.g. survey_response, meeting_input, idea
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    text = models.TextField(_("tekst voor thema's"), max_length=20000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContributionStatus.choices, default=ContributionStatus.RECEIVED
    )
    # What was done with it (verwerkt) or why not (niet overgenomen), in plain words.
    response = models.TextField(_("toelichting"), max_length=2000, blank=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    is_example = models.BooleanField(_("voorbeeldgegevens"), default=False)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    class Meta:
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["activity", "status"]),
            models.Index(fields=["participant"]),
            # "U zei, wij deden": the latest answered input, newest first, without sorting all of it.
            models.Index(
                fields=["-status_changed_at"],
                name="contribution_answered_idx",
                condition=models.Q(status__in=["adopted", "not_adopted"]),
            ),
        ]

    def __str__(self) -> str:
        return self.summary or f"#{self.pk}"


class CouncilMoment(models.Model):
    """A moment the council is at work (CONTRACTS §2 ids), taken from the plan with its date. Staff mark it done;
    a moment whose date has passed without that is reported as missed."""

    organisation_path = "process__organisation"

    process = models.ForeignKey(
        Process, verbose_name=_("proces"), on_delete=models.CASCADE, related_name="council_moments"
    )
    moment = models.CharField(_("moment"), max_length=20)  # vocabulary `council_moments` id
    phase = models.CharField(_("fase"), max_length=40)
    message = models.TextField(_("wat de raad doet"), max_length=2000, blank=True)
    due = models.DateField(_("gepland op"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("raadsmoment")
        verbose_name_plural = _("raadsmomenten")
        ordering = ["process", "position"]

    def __str__(self) -> str:
        return f"{self.process}: {self.moment}"

    def status(self, today: dt.date | None = None) -> str:
        if self.done_on:
            return "done"
        today = today or timezone.localdate()
        return "missed" if self.due and self.due < today else "due"


class ReportJob(models.Model):
    """A council report made in the background (django-tasks); the page polls its progress."""

    organisation_path = "process__organisation"

    class Status(models.TextChoices):
        WAITING = "waiting", _("Wacht")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    process = models.ForeignKey(Process, verbose_name=_("proces"), on_delete=models.CASCADE, related_name="reports")
    format = models.CharField(_("formaat"), max_length=5)  # json, docx, pdf
    lang = models.CharField(_("taal"), max_length=5, default="nl")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    content = models.BinaryField(_("inhoud"), null=True, blank=True, editable=False)
    error = models.CharField(_("fout"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.process} ({self.format}, {self.status})"


class LoadBatch(models.Model):
    """Benchmark data made by `generate_load` (CONTRACTS §7): one row per process, kind and seed, so running the
    same command again adds nothing."""

    organisation_path = "process__organisation"

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="load_batches")
    kind = models.CharField(max_length=40)
    seed = models.IntegerField()
    count = models.PositiveIntegerField()
    seconds = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gegenereerde testgegevens")
        verbose_name_plural = _("gegenereerde testgegevens")
        constraints = [models.UniqueConstraint(fields=["process", "kind", "seed"], name="one_load_batch_per_seed")]

    def __str__(self) -> str:
        return f"{self.process}: {self.count} {self.kind} (seed {self.seed})"
