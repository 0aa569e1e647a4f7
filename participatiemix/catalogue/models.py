"""Local knowledge (kennisplatform): instruments and experiences added by municipal staff.

Curated instruments live in YAML files (`participatiemix/data/instruments/`) and are never stored here;
a local instrument may not reuse a curated id (checked in the form and the service). Each local item
belongs to the organisation that added it: only that organisation's editors change or delete it
(catalogue/rules.py says who reads what).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LOCAL_ID_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{1,59}$",
    _("Gebruik 2 tot 60 kleine letters, cijfers of liggende streepjes (_), te beginnen met een letter."),
)


class LocalInstrument(models.Model):
    """An instrument a municipality describes itself; a simpler model than the curated one."""

    slug = models.CharField(_("code"), max_length=60, unique=True, validators=[LOCAL_ID_VALIDATOR])
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    summary_nl = models.TextField(_("korte beschrijving (Nederlands)"), max_length=1000)
    summary_en = models.TextField(_("korte beschrijving (Engels)"), max_length=1000, blank=True)
    # Vocabulary ids (participatiemix/data/vocabulary.yaml), validated by the form.
    phases = models.JSONField(_("beleidsfasen"), default=list)
    levels = models.JSONField(_("treden van de participatieladder"), default=list)
    goals = models.JSONField(_("doelen"), default=list)
    reaches = models.JSONField(_("bereikt doelgroepen"), default=list, blank=True)
    online = models.CharField(_("online of fysiek"), max_length=10)
    cost_min_eur = models.PositiveIntegerField(_("kosten vanaf (euro)"))
    cost_max_eur = models.PositiveIntegerField(_("kosten tot (euro)"))
    # The owner's name when it was added (search and old rows); pages show the organisation itself.
    municipality = models.CharField(_("gemeente"), max_length=120)
    contact_role = models.CharField(_("contactpersoon (functie)"), max_length=120)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="local_instruments",
        verbose_name=_("organisatie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("lokaal instrument")
        verbose_name_plural = _("lokale instrumenten")
        ordering = ["name_nl"]
        constraints = [
            models.CheckConstraint(condition=Q(cost_min_eur__lte=models.F("cost_max_eur")), name="local_cost_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.name_nl} ({self.municipality})"

    def name(self, lang: str = "nl") -> str:
        return (self.name_en if lang == "en" else "") or self.name_nl

    def summary(self, lang: str = "nl") -> str:
        return (self.summary_en if lang == "en" else "") or self.summary_nl


class Experience(models.Model):
    """A local experience (ervaring) with a curated or a local instrument."""

    instrument_id = models.CharField(
        _("instrument"), max_length=60, db_index=True, help_text=_("De code van het instrument, curated of lokaal.")
    )
    # The owner's name when it was added (old rows); pages show the organisation itself.
    municipality = models.CharField(_("gemeente"), max_length=120)
    where = models.CharField(_("waar"), max_length=200)
    when = models.CharField(_("wanneer"), max_length=100)
    what_worked = models.TextField(_("wat werkte"), max_length=4000)
    what_did_not = models.TextField(_("wat werkte niet"), max_length=4000, blank=True)
    contact_role = models.CharField(_("contactpersoon (functie)"), max_length=120)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="experiences",
        verbose_name=_("organisatie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.instrument_id}: {self.municipality} ({self.when})"
