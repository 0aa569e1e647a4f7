"""Forms of the trekker (round, codes) and the respondent code step. Answers are checked in mix/scan.py.

All are site.forms.CleanForm (typed text is cleaned before validation) and render through the site's
FormRenderer (`{{ field.as_field_group }}`, site/forms/errors.html), which links help and errors to each field.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participatiemix.mix import scan as mix_scan
from participatiemix.scan.models import GROUP_CHOICES, CustomQuestion
from participatiemix.scan.services import MAX_CODES_PER_BATCH, MAX_ROUND_DAYS, CustomQuestionInput
from participatiemix.site.forms import CleanForm

MAX_START_AHEAD_DAYS = 2 * 366  # a round starts within two years


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(CleanForm):
    municipality = forms.CharField(
        label=_("Gemeente"),
        max_length=120,
        error_messages={"required": _("Vul de naam van de gemeente in.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=160,
        help_text=_("Bijvoorbeeld: Zelfscan lokale democratie voorjaar 2027."),
        error_messages={"required": _("Geef de ronde een naam.")},
    )
    groups = forms.MultipleChoiceField(
        label=_("Wie vullen de zelfscan in?"),
        choices=GROUP_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Raad, college en ambtenaren krijgen eenmalige codes. Inwoners doen mee via een open link."),
        error_messages={"required": _("Kies minstens één groep.")},
    )
    opens_on = forms.DateField(
        label=_("Open vanaf"),
        widget=_date_widget(),
        error_messages={
            "required": _("Vul de begindatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2027-03-01."),
        },
    )
    closes_on = forms.DateField(
        label=_("Open tot en met"),
        widget=_date_widget(),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2027-03-31."),
        },
    )
    results_shared = forms.CharField(
        label=_("Wanneer en waar deelt u de uitkomsten?"),
        max_length=300,
        required=False,
        help_text=_(
            "Dit lezen mensen na het invullen. Bijvoorbeeld: Op 12 mei in de raadzaal en daarna op onze website."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + dt.timedelta(weeks=4)
        self.fields["title"].initial = _("Zelfscan lokale democratie %(year)d") % {"year": today.year}
        for n in range(1, mix_scan.MAX_CUSTOM_QUESTIONS + 1):
            self.fields[f"custom_{n}_text"] = forms.CharField(
                label=_("Eigen vraag %(n)d") % {"n": n},
                required=False,
                max_length=240,
            )
            self.fields[f"custom_{n}_kind"] = forms.ChoiceField(
                label=_("Soort vraag %(n)d") % {"n": n},
                choices=CustomQuestion.KIND_CHOICES,
                initial="likert",
            )

    def clean_opens_on(self):
        opens_on = self.cleaned_data["opens_on"]
        if opens_on > timezone.localdate() + dt.timedelta(days=MAX_START_AHEAD_DAYS):
            raise forms.ValidationError(
                _("De begindatum ligt te ver weg. Kies een dag binnen twee jaar vanaf vandaag.")
            )
        return opens_on

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("De einddatum ligt in het verleden. Kies vandaag of een latere dag."))
        return closes_on

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("De einddatum ligt vóór de begindatum. Kies een latere einddatum."))
        elif opens_on and closes_on and (closes_on - opens_on).days > MAX_ROUND_DAYS:
            self.add_error(
                "closes_on",
                _("Een ronde duurt hoogstens vijf jaar. Kies een einddatum binnen vijf jaar na de begindatum."),
            )
        return data

    def custom_questions(self) -> list[CustomQuestionInput]:
        questions = []
        for n in range(1, mix_scan.MAX_CUSTOM_QUESTIONS + 1):
            text = self.cleaned_data.get(f"custom_{n}_text") or ""
            if text:
                kind = self.cleaned_data.get(f"custom_{n}_kind") or "likert"
                questions.append(CustomQuestionInput(text=text, kind=kind))
        return questions

    def custom_rows(self):
        numbers = range(1, mix_scan.MAX_CUSTOM_QUESTIONS + 1)
        return [(self[f"custom_{n}_text"], self[f"custom_{n}_kind"]) for n in numbers]


class CodesForm(CleanForm):
    count = forms.IntegerField(
        label=_("Aantal codes"),
        min_value=1,
        max_value=MAX_CODES_PER_BATCH,
        initial=25,
        error_messages={
            "required": _("Vul een aantal in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies minstens 1 code."),
            "max_value": _("Kies hoogstens %(limit_value)s codes per keer."),
        },
        widget=forms.NumberInput(attrs={"class": "pmx-number"}),
    )


class CodeForm(CleanForm):
    code = forms.CharField(
        label=_("Uw code"),
        max_length=40,
        help_text=_("De code staat op uw uitnodiging. Hoofdletters of kleine letters maakt niet uit."),
        error_messages={"required": _("Vul de code in die u bij de uitnodiging heeft gekregen.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
