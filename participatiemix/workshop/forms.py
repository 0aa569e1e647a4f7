"""Forms: they check the shape of input; services.py checks the meaning (and stores nothing half).

Both are CleanForms (site/forms.py): every typed string is cleaned before validation, and the site's
form renderer draws them (`{{ field.as_field_group }}`, NL Design System markup, aria-describedby).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from participatiemix.site.forms import CleanForm
from participatiemix.workshop import services
from participatiemix.workshop.models import CODE_LENGTH, NOTE_MAX_LENGTH


def _number() -> forms.TextInput:
    # A text box with a numeric keyboard: type="number" spin buttons are hard to use and to read out.
    return forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]*"})


def _whole_number(label, maximum: int, initial: int, **kwargs) -> forms.IntegerField:
    """A whole number from 1 to `maximum`, with one Dutch message that says what is allowed."""
    allowed = lazy(lambda: _("Vul een heel getal in van 1 tot en met %(max)s.") % {"max": maximum}, str)()
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=maximum,
        initial=initial,
        widget=_number(),
        error_messages={"required": allowed, "invalid": allowed, "min_value": allowed, "max_value": allowed},
        **kwargs,
    )


def _required(what) -> dict:
    return {"required": lazy(lambda: _("Vul %(what)s in.") % {"what": what}, str)()}


class WorkshopForm(CleanForm):
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages=_required(_("een titel")))
    case_text = forms.CharField(
        label=_("Casus"),
        max_length=5000,
        error_messages=_required(_("de casus")),
        help_text=_("De casus staat op de beamer en op elke flip-over. Gewone tekst, lege regel voor een alinea."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    question_1 = forms.CharField(
        label=_("Vraag 1"),
        max_length=500,
        error_messages=_required(_("vraag 1")),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    question_2 = forms.CharField(
        label=_("Vraag 2"),
        max_length=500,
        error_messages=_required(_("vraag 2")),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    question_3 = forms.CharField(
        label=_("Vraag 3"),
        max_length=500,
        error_messages=_required(_("vraag 3")),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group_minutes = _whole_number(_("Minuten in groepen"), services.MAX_MINUTES, 20)
    rondgang_minutes = _whole_number(_("Minuten voor de rondgang"), services.MAX_MINUTES, 10)
    group_count = _whole_number(
        _("Aantal groepen"),
        services.MAX_GROUPS,
        6,
        help_text=_("Een schatting; groepen melden zich zelf aan met de code."),
    )

    def questions(self) -> list[str]:
        return [self.cleaned_data[f"question_{i}"] for i in (1, 2, 3)]


class JoinForm(CleanForm):
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
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = services.normalise_code(self.cleaned_data["code"])
        if not services.is_valid_code_form(code):
            raise ValidationError(
                _("Deze code klopt niet. Een code heeft %(n)s tekens: hoofdletters en cijfers 2 tot en met 9.")
                % {"n": CODE_LENGTH}
            )
        return code


class NoteForm(CleanForm):
    """Editing a note on the flip-over. `version` is the note's version when it was opened: saving against an
    older version is a conflict (services.NoteConflict), shown with both texts, never an overwrite."""

    text = forms.CharField(
        label=_("Tekst van de notitie"),
        # Not required here: deleting needs no text; the service says what is wrong with a text, in Dutch.
        required=False,
        help_text=lazy(lambda: _("Maximaal %(n)s tekens, gewone tekst.") % {"n": NOTE_MAX_LENGTH}, str)(),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH}),
    )
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)

    def version_or_none(self) -> int | None:
        """The version, or None when the hidden field was tampered with (the view then starts afresh)."""
        return self.cleaned_data.get("version") if self.is_valid() else None
