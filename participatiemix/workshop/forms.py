"""Forms: they check the shape of input; services.py checks the meaning (and stores nothing half)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from participatiemix.workshop import services
from participatiemix.workshop.models import CODE_LENGTH

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(attrs={"class": TEXTBOX}))
    case_text = forms.CharField(
        label=_("Casus"),
        max_length=5000,
        help_text=_("De casus staat op de beamer en op elke flip-over. Gewone tekst, lege regel voor een alinea."),
        widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 8}),
    )
    question_1 = forms.CharField(
        label=_("Vraag 1"), max_length=500, widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 2})
    )
    question_2 = forms.CharField(
        label=_("Vraag 2"), max_length=500, widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 2})
    )
    question_3 = forms.CharField(
        label=_("Vraag 3"), max_length=500, widget=forms.Textarea(attrs={"class": TEXTAREA, "rows": 2})
    )
    group_minutes = forms.IntegerField(
        label=_("Minuten in groepen"),
        min_value=1,
        max_value=services.MAX_MINUTES,
        initial=20,
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    rondgang_minutes = forms.IntegerField(
        label=_("Minuten voor de rondgang"),
        min_value=1,
        max_value=services.MAX_MINUTES,
        initial=10,
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )
    group_count = forms.IntegerField(
        label=_("Aantal groepen"),
        min_value=1,
        max_value=services.MAX_GROUPS,
        initial=6,
        help_text=_("Een schatting; groepen melden zich zelf aan met de code."),
        widget=forms.NumberInput(attrs={"class": TEXTBOX, "inputmode": "numeric"}),
    )

    def questions(self) -> list[str]:
        return [self.cleaned_data[f"question_{i}"] for i in (1, 2, 3)]


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de werksessie"),
        max_length=20,
        # Lazy as a whole: `_(...) % {...}` at import time would freeze the Dutch text for every language.
        help_text=lazy(
            lambda: (
                _("%(n)s tekens, letters en cijfers. De code staat op het scherm van de begeleider.")
                % {"n": CODE_LENGTH}
            ),
            str,
        )(),
        widget=forms.TextInput(
            attrs={"class": TEXTBOX, "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = services.normalise_code(self.cleaned_data["code"])
        if not services.is_valid_code_form(code):
            raise ValidationError(
                _("Deze code klopt niet. Een code heeft %(n)s tekens: hoofdletters en cijfers 2 tot en met 9.")
                % {"n": CODE_LENGTH}
            )
        return code
