"""Offline activities: the sessions of an activity (one per village, say), who registered, who came, the minutes
and the input gathered there.

Every item of input is stored as one `processes.Contribution` (kind "meeting_input", source "meeting") together
with a `MeetingInput` row, so meeting input joins online input in the feedback loop and the council report.
Attendance is a head count per voluntary group, never a list of names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INPUT_KIND = "meeting_input"


class Meeting(models.Model):
    """One session of an offline activity: a date, a place and an agenda."""

    organisation_path = "activity__phase__process__organisation"

    activity = models.ForeignKey(
        "processes.Activity", verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("naam van de plek"), max_length=200)
    address = models.CharField(_("adres"), max_length=300)
    wheelchair = models.BooleanField(_("toegankelijk met een rolstoel"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding voor slechthorenden"), default=False)
    accessible_toilet = models.BooleanField(_("aangepast toilet"), default=False)
    accessibility_note = models.CharField(_("meer over de toegankelijkheid"), max_length=500, blank=True)
    agenda = models.TextField(_("programma"), max_length=4000, blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    registration_open = models.BooleanField(_("aanmelden is open"), default=True)
    is_example = models.BooleanField(_("voorbeeldgegevens"), default=False)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at


class Registration(models.Model):
    """A seat (or a place on the waiting list) for one person: with an account, or a name and e-mail address."""

    organisation_path = "meeting__activity__phase__process__organisation"

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Aangemeld")
        WAITING = "waiting", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_registrations",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    # Order of sign-up within the meeting; the waiting list moves up in this order.
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    is_example = models.BooleanField(_("voorbeeldgegevens"), default=False)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["meeting", "position"]
        constraints = [
            # One live registration per account and per address: a second click or tab cannot take two seats.
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False) & ~models.Q(status="cancelled"),
                name="meeting_one_registration_per_user",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~models.Q(email="") & ~models.Q(status="cancelled"),
                name="meeting_one_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.name

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email


class Attendance(models.Model):
    """How many people came, in total and per voluntary group (age band, district, target group)."""

    organisation_path = "meeting__activity__phase__process__organisation"

    class Dimension(models.TextChoices):
        TOTAL = "total", _("Totaal")
        AGE_BAND = "age_band", _("Leeftijd")
        DISTRICT = "district", _("Wijk of kern")
        TARGET_GROUP = "target_group", _("Doelgroep")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="attendance"
    )
    dimension = models.CharField(_("indeling"), max_length=14, choices=Dimension.choices)
    group = models.CharField(_("groep"), max_length=100, blank=True)
    count = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("aanwezigen")
        verbose_name_plural = _("aanwezigen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "dimension", "group"], name="meeting_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.dimension} {self.group} = {self.count}"


class Minutes(models.Model):
    organisation_path = "meeting__activity__phase__process__organisation"

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="minutes"
    )
    text = models.TextField(_("verslag"), max_length=20000)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.text[:40]}"


class MeetingInput(models.Model):
    """One item of input gathered at a meeting, entered by staff: the record beside its Contribution. Withdrawing
    or deleting the contribution deletes this row too."""

    organisation_path = "meeting__activity__phase__process__organisation"

    meeting = models.ForeignKey(Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="inputs")
    contribution = models.OneToOneField(
        "processes.Contribution", verbose_name=_("inbreng"), on_delete=models.CASCADE, related_name="meeting_input"
    )
    public = models.BooleanField(_("openbaar tonen"), default=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inbreng uit een bijeenkomst")
        verbose_name_plural = _("inbreng uit bijeenkomsten")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting}: #{self.contribution_id}"
