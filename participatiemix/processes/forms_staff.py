"""Forms for staff running a process: make it from a plan, its settings, phases, activities and feedback."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from participatiemix.processes.models import Activity, ContributionStatus, Phase, Process
from participatiemix.site.forms import CleanForm, CleanModelForm

MAX_DISTRICTS = 60


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProcessCreateForm(CleanForm):
    title = forms.CharField(label=_("Titel voor inwoners"), max_length=200)
    slug = forms.CharField(
        label=_("Korte naam in de link"),
        max_length=60,
        required=False,
        help_text=_("Alleen kleine letters, cijfers en streepjes, bijvoorbeeld aardgasvrij. Leeg: wij kiezen er een."),
    )
    version = forms.TypedChoiceField(label=_("Planversie"), coerce=int)
    start = forms.DateField(
        label=_("Eerste fase begint op"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg: de data uit het plan (terugrekenen vanaf de maand van het besluit), anders vandaag."),
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(v.number, _("Versie %(n)s") % {"n": v.number}) for v in versions]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not slug:
            return ""
        try:
            validate_slug(slug)
        except ValidationError:
            raise ValidationError(
                _("Gebruik alleen kleine letters, cijfers, streepjes en liggende streepjes (geen spaties).")
            ) from None
        if slug in {"nieuw", "mijn-inbreng"}:
            raise ValidationError(_("Dit woord gebruikt de site zelf. Kies een andere korte naam."))
        if Process.objects.filter(slug=slug).exists():
            raise ValidationError(_("Deze korte naam is al in gebruik. Kies een andere."))
        return slug


class ProcessSettingsForm(CleanModelForm):
    districts_text = forms.CharField(
        label=_("Wijken en kernen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén per regel. Inwoners kunnen er vrijwillig een kiezen in hun profiel."),
    )

    class Meta:
        model = Process
        fields = ["title", "question", "introduction", "contact"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3}), "introduction": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts_text"].initial = "\n".join(self.instance.districts or [])

    def clean_districts_text(self):
        lines = [line.strip()[:100] for line in self.cleaned_data["districts_text"].splitlines()]
        districts = list(dict.fromkeys(line for line in lines if line))
        if len(districts) > MAX_DISTRICTS:
            raise ValidationError(_("Hoogstens %(n)s wijken of kernen.") % {"n": MAX_DISTRICTS})
        return districts

    def save(self, commit=True):
        self.instance.districts = self.cleaned_data["districts_text"]
        return super().save(commit)


class PhaseForm(CleanModelForm):
    class Meta:
        model = Phase
        fields = ["starts", "ends", "promise", "we_did"]
        widgets = {
            "starts": DateInput(),
            "ends": DateInput(),
            "promise": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "promise": _("Staat op elke pagina van deze fase onder 'Wat gebeurt er met uw inbreng?'."),
            "we_did": _("'U zei, wij deden': vertel in gewone woorden wat de gemeente met de inbreng deed."),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("De einddatum ligt vóór de begindatum. Kies een datum op of na de begindatum."))
        return data


class ActivityForm(CleanModelForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "allow_anonymous", "starts", "ends", "status"]
        widgets = {"starts": DateInput(), "ends": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "allow_anonymous": _("Aan: inwoners kunnen meedoen zonder account. Uit: eerst een account maken."),
            "starts": _("Leeg: vanaf het begin van de fase."),
            "ends": _("Leeg: tot het einde van de fase."),
        }

    def clean(self):
        data = super().clean()
        phase = self.instance.phase
        for name in ("starts", "ends"):
            value = data.get(name)
            if value and not (phase.starts <= value <= phase.ends):
                self.add_error(
                    name,
                    _("Kies een datum binnen de fase: van %(a)s tot en met %(b)s.")
                    % {"a": phase.starts.strftime("%d-%m-%Y"), "b": phase.ends.strftime("%d-%m-%Y")},
                )
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("De einddatum ligt vóór de begindatum."))
        return data


class ActivityAddForm(CleanForm):
    instrument = forms.ChoiceField(label=_("Instrument"))
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)

    def __init__(self, *args, instrument_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = list(instrument_choices)


STATUS_CHOICES = [(s.value, s.label) for s in ContributionStatus]


class StatusForm(CleanForm):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=STATUS_CHOICES, widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("Toelichting voor de inwoner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bij 'verwerkt': wat is ermee gedaan. Bij 'niet overgenomen': waarom niet. De inwoner ziet dit."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") in (ContributionStatus.ADOPTED, ContributionStatus.NOT_ADOPTED) and not data.get(
            "response"
        ):
            self.add_error(
                "response",
                _("Schrijf erbij wat er met de inbreng is gedaan (verwerkt) of waarom niet (niet overgenomen)."),
            )
        return data


class ContributionFilterForm(forms.Form):
    """Filters on the staff list; bad values are ignored (the list shows everything), never an error page."""

    q = forms.CharField(label=_("Zoek in de tekst"), required=False, max_length=100)
    phase = forms.TypedChoiceField(label=_("Fase"), required=False, coerce=int, empty_value=None)
    activity = forms.TypedChoiceField(label=_("Activiteit"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle"))] + STATUS_CHOICES)
    source = forms.ChoiceField(
        label=_("Bron"),
        required=False,
        choices=[("", _("Alle")), ("online", _("Online")), ("paper", _("Op papier")), ("meeting", _("Bijeenkomst"))],
    )

    def __init__(self, *args, phases=(), activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Alle"))] + list(phases)
        self.fields["activity"].choices = [("", _("Alle"))] + list(activities)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
