"""Forms of the members page: add a colleague by username or e-mail, change a role."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from participatiemix.organisations.roles import Role
from participatiemix.site.forms import CleanForm


class AddMemberForm(CleanForm):
    who = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=150,
        help_text=_("De collega moet al een account hebben. Vraag anders een beheerder van Participatiemix."),
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.AMBTENAAR)

    def clean_who(self):
        who = self.cleaned_data["who"]
        User = get_user_model()
        user = User.objects.filter(username__iexact=who).first() or User.objects.filter(email__iexact=who).first()
        if user is None or not user.is_active:
            raise forms.ValidationError(
                _("Er is geen actief account met de naam of het e-mailadres '%(who)s'."), params={"who": who[:60]}
            )
        return user


class RoleForm(CleanForm):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class ChooseOrganisationForm(CleanForm):
    organisation = forms.TypedChoiceField(label=_("Organisatie"), coerce=int)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
