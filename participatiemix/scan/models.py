"""Zelfscan: rounds, respondent groups, single-use codes and anonymous responses.

Anonymity by design (AVG): a response holds no user, no code, no IP and only the date (not the time) it was
given, so a used code cannot be matched to answers by time. A code is stored as a salted hash and a flag
`used`. Responses and their answers have random ids (RandomIdField), so the order in which they were given
cannot be read from the database either.

Duplicates from the open resident link are held back in two ways (see services.py, "Duplicate suppression"):
a signed cookie in the resident's own browser, and `AddressTally`: per round, a keyed digest of the address
and a count of answers today, with a random id, no time and no link to any response. Its key is a per-round
salt that is replaced (and every tally deleted) each day and when the round closes.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participatiemix.mix import scan as mix_scan

GROUP_CHOICES = [
    ("council", _("Raadsleden")),
    ("executive", _("Collegeleden")),
    ("staff", _("Ambtenaren")),
    ("residents", _("Inwoners")),
]


def new_token() -> str:
    return secrets.token_urlsafe(12)


def new_salt() -> str:
    return secrets.token_hex(16)


def random_id() -> int:
    """A random positive 63-bit id: rows carry no trace of the order in which they were stored."""
    return secrets.randbelow(2**63 - 1) + 1


class RandomIdField(models.BigIntegerField):
    """A primary key with a random value (default random_id).

    On SQLite the column is declared INTEGER so it becomes the table's rowid: otherwise SQLite keeps a hidden
    rowid that counts up with every insert and would give the insertion order away.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class ScanRound(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="scan_rounds",
        verbose_name=_("organisatie"),
    )
    municipality = models.CharField(_("gemeente"), max_length=120)
    title = models.CharField(_("titel"), max_length=160)
    questionnaire_version = models.CharField(max_length=10, default=mix_scan.CURRENT_VERSION)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    closed_at = models.DateTimeField(null=True, blank=True)
    # Shown on the thank-you page: when and where the results will be shared (e.g. "12 mei, raadzaal").
    results_shared = models.CharField(_("wanneer en waar de uitkomsten gedeeld worden"), max_length=300, blank=True)
    code_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    # Key of today's address digests (AddressTally); replaced each day and blanked when the round closes.
    tally_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    tally_day = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("scanronde")
        verbose_name_plural = _("scanrondes")

    def __str__(self) -> str:
        return f"{self.title} ({self.municipality})"

    def get_absolute_url(self) -> str:
        return reverse("scan:round", args=[self.pk])

    def status(self, today: dt.date | None = None) -> str:
        """'planned', 'open' or 'closed' (closed by hand, or after the closing date)."""
        today = today or timezone.localdate()
        if self.closed_at or today > self.closes_on:
            return "closed"
        if today < self.opens_on:
            return "planned"
        return "open"

    @property
    def is_closed(self) -> bool:
        return self.status() == "closed"

    @property
    def questionnaire(self) -> mix_scan.Questionnaire:
        return mix_scan.load_questionnaire(self.questionnaire_version)


class RoundGroup(models.Model):
    """A respondent group in a round, with its own invitation link."""

    round = models.ForeignKey(ScanRound, related_name="groups", on_delete=models.CASCADE)
    group = models.CharField(max_length=20, choices=GROUP_CHOICES)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "group"], name="scan_group_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_group_display()}"

    def get_absolute_url(self) -> str:
        return reverse("scan:respond", args=[self.token])

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "round__organisation"

    @property
    def uses_codes(self) -> bool:
        return self.group in mix_scan.CLOSED_GROUPS


class CustomQuestion(models.Model):
    """One of at most four questions the municipality adds itself."""

    KIND_CHOICES = [("likert", _("Stelling (eens/oneens)")), ("open", _("Open vraag"))]

    round = models.ForeignKey(ScanRound, related_name="custom_questions", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=240)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default="likert")

    class Meta:
        ordering = ["round", "position"]
        constraints = [models.UniqueConstraint(fields=["round", "position"], name="scan_custom_position")]

    def __str__(self) -> str:
        return self.text

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "round__organisation"

    @property
    def key(self) -> str:
        """The id used in answers: `custom1` .. `custom4` (never clashes with questionnaire ids)."""
        return f"custom{self.position}"


class AccessCode(models.Model):
    """A single-use code for a closed group. Only a salted hash is kept; `used` is all we know afterwards."""

    round_group = models.ForeignKey(RoundGroup, related_name="codes", on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.round_group} · {'gebruikt' if self.used else 'ongebruikt'}"

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "round_group__round__organisation"


class Response(models.Model):
    id = RandomIdField()
    round_group = models.ForeignKey(RoundGroup, related_name="responses", on_delete=models.CASCADE)
    submitted_on = models.DateField(default=timezone.localdate)
    questionnaire_version = models.CharField(max_length=10)

    class Meta:
        indexes = [models.Index(fields=["round_group"])]

    def __str__(self) -> str:
        return f"{self.round_group} · {self.submitted_on}"


class Answer(models.Model):
    """A scored answer: 1-5, or NULL for "weet ik niet". Skipped statements have no row."""

    id = RandomIdField()
    response = models.ForeignKey(Response, related_name="answers", on_delete=models.CASCADE)
    item = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="scan_answer_once"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="scan_answer_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}={self.value}"


class OpenAnswer(models.Model):
    id = RandomIdField()
    response = models.ForeignKey(Response, related_name="open_answers", on_delete=models.CASCADE)
    question = models.CharField(max_length=40)
    text = models.TextField(max_length=mix_scan.MAX_TEXT)

    def __str__(self) -> str:
        return self.text[:60]


class AddressTally(models.Model):
    """How many answers came from one address today through a round's open link; nothing else.

    `digest` is an HMAC of the address keyed with the round's `tally_salt` (never the address itself, never
    the SECRET_KEY). No time, a random id (not a UUID: see RandomIdField), no link to a response: a row cannot
    be joined to an answer.
    """

    id = RandomIdField()  # random, and on SQLite the rowid itself: no counter that shows insertion order
    round = models.ForeignKey(ScanRound, related_name="address_tallies", on_delete=models.CASCADE)
    digest = models.CharField(max_length=64)
    answers = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "digest"], name="scan_tally_once")]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.answers}"


class Priority(models.Model):
    """A point on the improvement agenda: a weak dimension the municipality chose to work on."""

    round = models.ForeignKey(ScanRound, related_name="priorities", on_delete=models.CASCADE)
    dimension = models.CharField(max_length=40)
    note = models.TextField(_("toelichting"), blank=True, max_length=1000)
    plan_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "dimension"], name="scan_priority_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.dimension}"

    # Owned through its parent: site/permissions.owner_id follows this path to the organisation.
    organisation_path = "round__organisation"
