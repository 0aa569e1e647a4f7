"""A participation plan: a case (possibly still a draft) and its versions of the advice.

The plan holds the draft the intake is filling in. Every change to a complete plan (intake edit,
an instrument accepted, removed or replaced) stores a new PlanVersion with the case, the user's
choices and the advice as JSON, so earlier versions can be shown and compared exactly as they were.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PRECONDITION_FIELDS = ("room_for_influence", "enough_time", "commitment", "capacity")


class Plan(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("titel"), max_length=300, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=200, blank=True)
    case_data = models.JSONField(_("casus (concept)"), default=dict, blank=True)
    # The preconditions of the intake's step 2 (None: not answered yet). Not part of the case contract;
    # exported as an extra `preconditions` block of the case file.
    room_for_influence = models.BooleanField(_("ruimte voor invloed"), null=True, blank=True)
    enough_time = models.BooleanField(_("genoeg tijd voor het besluit"), null=True, blank=True)
    commitment = models.BooleanField(_("commitment van college en raad"), null=True, blank=True)
    capacity = models.BooleanField(_("genoeg capaciteit"), null=True, blank=True)
    # The month the council (or executive) decides, as its first day. Not part of the case contract: the
    # plan counts back from it to dates for the phases and the council moments (plans/timeline.py).
    decision_month = models.DateField(_("maand van het besluit"), null=True, blank=True)
    origin = models.CharField(_("herkomst"), max_length=100, blank=True)
    latest_version = models.ForeignKey(
        "PlanVersion",
        verbose_name=_("laatste versie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return self.title or str(_("Plan zonder titel"))

    def get_absolute_url(self) -> str:
        # A draft's page sends an editor on to the first incomplete step (the view works that out, so the
        # model needs no forms: models -> intake -> forms -> selectors -> models was an import cycle).
        return reverse("plans:detail", args=[self.pk])

    @property
    def preconditions(self) -> dict[str, bool | None]:
        return {name: getattr(self, name) for name in PRECONDITION_FIELDS}


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versienummer"))
    case = models.JSONField(_("casus"))
    preconditions = models.JSONField(_("randvoorwaarden"), default=dict, blank=True)
    choices = models.JSONField(_("keuzes"), default=dict, blank=True)
    advice = models.JSONField(_("advies"))
    # The same advice with English texts, so the English interface and exports need no recomputation.
    advice_en = models.JSONField(_("advies (Engels)"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plans_version_unique_number")]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:version", args=[self.plan_id, self.number])

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "plan__organisation"

    def advice_in(self, lang: str) -> dict:
        return self.advice_en if lang == "en" and self.advice_en else self.advice


SHARE_DAYS = (7, 30, 90)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class PlanShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PlanShareLink(models.Model):
    """A read-only link to a plan for the council. Only the SHA-256 of the token is stored: the link is shown once."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(_("vingerafdruk van de link"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlanShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("deellink")
        verbose_name_plural = _("deellinks")

    def __str__(self) -> str:
        return f"{self.plan} · {self.expires_at:%Y-%m-%d}"

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "plan__organisation"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def new_token(cls) -> str:
        # 32 random bytes: 256 bits, far beyond guessing (the URL is also rate limited).
        return secrets.token_urlsafe(32)

    @staticmethod
    def expiry(days: int):
        return timezone.now() + timedelta(days=days)


class PlanComment(models.Model):
    """A comment of the griffie or a council member on a version of a plan."""

    MAX_LENGTH = 2000

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="comments")
    version_number = models.PositiveIntegerField(_("versienummer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("schrijver"), null=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("reactie"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self) -> str:
        return f"{self.plan} · v{self.version_number} · {self.author}"

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "plan__organisation"
