"""Forms for meetings. Every form cleans typed text through the site toolkit (CleanForm / CleanModelForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participatiemix.meetings.models import Attendance, Meeting
from participatiemix.meetings.selectors import Group
from participatiemix.meetings.services import MEETING_FIELDS
from participatiemix.site.forms import CleanForm, CleanModelForm

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_COUNT = 100_000


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class MeetingForm(CleanModelForm):
    allow_anonymous = forms.BooleanField(
        label=gettext_lazy("Aanmelden zonder account mag (met naam en e-mailadres)"),
        required=False,
        help_text=gettext_lazy("Geldt voor alle bijeenkomsten van deze activiteit."),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Aantal plaatsen"),
        required=False,
        min_value=1,
        max_value=MAX_COUNT,
        help_text=gettext_lazy(
            "Leeg laten als er geen grens is. Is de zaal vol, dan komen nieuwe aanmeldingen op de wachtlijst."
        ),
    )

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "starts_at": DateTimeLocal(),
            "ends_at": DateTimeLocal(),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "title": gettext_lazy("Bijvoorbeeld: Wijkgesprek in het dorpshuis van Oosterend."),
            "agenda": gettext_lazy("Wat er gebeurt, met tijden. Eén punt per regel."),
            "accessibility_note": gettext_lazy("Bijvoorbeeld: ingang aan de achterkant, parkeren voor de deur."),
        }

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        if activity is not None:
            self.fields["allow_anonymous"].initial = activity.allow_anonymous

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Kies een eindtijd na de begintijd."))
        return data


class RegistrationForm(CleanForm):
    """For people without an account; with an account the form has no fields."""

    name = forms.CharField(label=gettext_lazy("Uw naam"), max_length=200)
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy("Hierop krijgt u de bevestiging en een link om u af te melden."),
        error_messages={"invalid": gettext_lazy("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )


class AttendanceForm(CleanForm):
    """A count per group: the total head count first, then age bands, districts and target groups."""

    def __init__(self, *args, groups: list[Group], initial_counts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {}
        initial_counts = initial_counts or {}
        for index, group in enumerate(groups):
            name = "total" if group.dimension == Attendance.Dimension.TOTAL else f"g{index}"
            label = (
                _("Totaal aantal aanwezigen")
                if name == "total"
                else f"{Attendance.Dimension(group.dimension).label}: {group.label}"
            )
            self.fields[name] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                max_value=MAX_COUNT,
                initial=initial_counts.get((group.dimension, group.group)),
                widget=forms.NumberInput(attrs={"min": 0, "max": MAX_COUNT, "inputmode": "numeric"}),
            )
            self.groups[name] = group

    def fieldsets(self) -> list[tuple[str, list]]:
        sets: dict[str, list] = {}
        for name, group in self.groups.items():
            sets.setdefault(str(Attendance.Dimension(group.dimension).label), []).append(self[name])
        return list(sets.items())

    def clean(self):
        data = super().clean()
        total = data.get("total")
        sums: dict[str, int] = {}
        for name, group in self.groups.items():
            value = data.get(name)
            if name == "total" or value is None:
                continue
            if total is None:
                self.add_error("total", _("Vul eerst het totaal aantal aanwezigen in."))
                return data
            if value > total:
                self.add_error(name, _("Meer dan het totaal (%(total)d): kies hoogstens %(total)d.") % {"total": total})
            sums[group.dimension] = sums.get(group.dimension, 0) + value
        for dimension in (Attendance.Dimension.AGE_BAND, Attendance.Dimension.DISTRICT):
            if total is not None and sums.get(dimension, 0) > total:
                first = next(n for n, g in self.groups.items() if g.dimension == dimension)
                self.add_error(
                    first,
                    _("%(dim)s: samen %(sum)d, meer dan het totaal van %(total)d. Iedereen telt in één groep.")
                    % {"dim": Attendance.Dimension(dimension).label, "sum": sums[dimension], "total": total},
                )
        return data

    def counts(self) -> dict[tuple[str, str], int | None]:
        return {(g.dimension, g.group): self.cleaned_data.get(name) for name, g in self.groups.items()}


class MinutesForm(CleanForm):
    text = forms.CharField(
        label=gettext_lazy("Verslag"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "Wat is er besproken en afgesproken? Noem geen namen van inwoners. Het verslag is openbaar."
        ),
    )


class InputForm(CleanForm):
    items = forms.CharField(
        label=gettext_lazy("Ingebrachte punten"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "Eén punt per regel. Elk punt wordt apart gevolgd: inwoners zien later wat ermee is gedaan."
        ),
    )
    public = forms.BooleanField(
        label=gettext_lazy("Openbaar tonen op de pagina van de bijeenkomst"), required=False, initial=True
    )
