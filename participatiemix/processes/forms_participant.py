"""Forms for residents: the voluntary profile and the password check before an account is deleted."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.processes.models import Process, Profile
from participatiemix.site.forms import CleanForm
from participatiemix.site.i18n import current_lang

OTHER_DISTRICT = "anders"
# Everybody belongs to these, so asking tells nothing about reach.
NOT_ASKED_GROUPS = {"all_residents", "active_residents"}


def profile_groups(process: Process) -> list[tuple[str, str]]:
    """The plan's target groups a resident can say they belong to: (id, label in the page's language)."""
    case = (process.plan_version.advice or {}).get("case") or {}
    vocab, lang = load_vocabulary(), current_lang()
    return [
        (g, vocab.label("target_groups", g, lang)) for g in case.get("target_groups") or [] if g not in NOT_ASKED_GROUPS
    ]


class ProfileForm(CleanForm):
    age_band = forms.ChoiceField(
        label=_("Uw leeftijd"), required=False, choices=[("", _("Zeg ik liever niet")), *Profile.AgeBand.choices]
    )
    district = forms.ChoiceField(label=_("Waar woont u?"), required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Ik hoor bij deze groepen"),
        help_text=_("Kies wat bij u past. U mag ook niets kiezen."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, process: Process, **kwargs):
        super().__init__(*args, **kwargs)
        districts = [d for d in process.districts or [] if isinstance(d, str) and d]
        if districts:
            self.fields["district"].choices = [
                ("", _("Zeg ik liever niet")),
                *[(d, d) for d in districts],
                (OTHER_DISTRICT, _("Ergens anders")),
            ]
        else:
            del self.fields["district"]
        groups = profile_groups(process)
        if groups:
            self.fields["target_groups"].choices = groups
        else:
            del self.fields["target_groups"]


class DeleteAccountForm(forms.Form):
    """Not a CleanForm: the password is compared as typed (it was set as typed), never stored or shown."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        help_text=_("Zo weten we zeker dat u het bent."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet. Let op hoofdletters."))
        return password
