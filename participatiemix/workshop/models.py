"""A werksessie: a facilitator, groups with a digital flip-over, and the rode draden that come out of it.

Writes go through services.py; the `version` counters there make polling cheap (a poll that finds the
same version gets an empty answer) and let concurrent edits of one note be detected, never lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 280
GROUP_NAME_MAX_LENGTH = 40
CODE_LENGTH = 6
# No I/L/1 and O/0: a code read from a projector at the back of a room must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class Phase(models.TextChoices):
    PREPARING = "preparing", _("Voorbereiding")
    GROUPS = "groups", _("Groepen aan het werk")
    RONDGANG = "rondgang", _("Rondgang")
    THREADS = "threads", _("Rode draden")
    CLOSED = "closed", _("Gesloten")


PHASE_ORDER = [Phase.PREPARING, Phase.GROUPS, Phase.RONDGANG, Phase.THREADS, Phase.CLOSED]
# Groups may write while they work and during the rondgang (a group may add what it says out loud);
# from the rode draden on the notes are fixed, so the grouping stays valid.
WRITABLE_PHASES = frozenset({Phase.PREPARING, Phase.GROUPS, Phase.RONDGANG})


class Workshop(models.Model):
    # The organisation that runs the session: its staff (FACILITATE) run it, its VIEW roles read it.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("organisatie"),
    )
    title = models.CharField(_("titel"), max_length=200)
    case_text = models.TextField(_("casus"), max_length=5000)
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True)
    group_minutes = models.PositiveSmallIntegerField(_("minuten in groepen"), default=20)
    rondgang_minutes = models.PositiveSmallIntegerField(_("minuten rondgang"), default=10)
    group_count = models.PositiveSmallIntegerField(_("aantal groepen"), default=6)
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.PREPARING)
    phase_started_at = models.DateTimeField(_("fase begonnen op"), null=True, blank=True)
    phase_ends_at = models.DateTimeField(_("fase eindigt op"), null=True, blank=True)
    rondgang_question = models.PositiveSmallIntegerField(_("vraag in de rondgang"), default=1)
    # Bumped by every change anyone could see on the projector: the ETag and poll key.
    version = models.PositiveBigIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="workshops"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("werksessie")
        verbose_name_plural = _("werksessies")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("workshop:detail", args=[self.pk])

    @property
    def is_writable(self) -> bool:
        return self.phase in WRITABLE_PHASES

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED


class Question(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("vraag"), max_length=500)

    class Meta:
        ordering = ["workshop", "number"]
        constraints = [models.UniqueConstraint(fields=["workshop", "number"], name="workshop_question_number_unique")]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "workshop__organisation"


class Group(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("groepsnaam"), max_length=GROUP_NAME_MAX_LENGTH)
    # Bumped when a note of this group changes: the flip-over's poll key.
    version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["workshop", "name"], name="workshop_group_name_unique")]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")

    def __str__(self) -> str:
        return self.name

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "workshop__organisation"


class Note(models.Model):
    """One short note on a group's flip-over: its own row, so concurrent adds never collide."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="notes")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    text = models.CharField(_("tekst"), max_length=NOTE_MAX_LENGTH)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__number", "created_at", "pk"]
        indexes = [models.Index(fields=["group", "question"])]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self) -> str:
        return self.text

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "group__workshop__organisation"


class Thread(models.Model):
    """A rode draad: notes of several groups on one question that say the same thing."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="threads")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="threads")
    label = models.CharField(_("naam"), max_length=120)
    label_terms = models.JSONField(default=list)
    # A facilitator's decisions survive a new grouping run: renamed, merged and pinned threads stay.
    renamed = models.BooleanField(default=False)
    merged = models.BooleanField(default=False)
    pinned = models.BooleanField(_("vastgezet"), default=False)
    removed = models.BooleanField(_("verwijderd"), default=False)
    position = models.PositiveIntegerField(default=0)
    notes = models.ManyToManyField(Note, related_name="threads")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question__number", "-pinned", "position", "pk"]
        verbose_name = _("rode draad")
        verbose_name_plural = _("rode draden")

    def __str__(self) -> str:
        return self.label

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "workshop__organisation"

    @property
    def is_kept(self) -> bool:
        return self.pinned or self.renamed or self.merged or self.removed
