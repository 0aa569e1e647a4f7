"""Forms for local knowledge: a local instrument and an experience (also used by the admin).

Built on the site toolkit: `CleanModelForm` cleans every typed string (control characters out, invisible-only
text counts as empty, so a required field refuses it); Django's form rendering draws the fields. Text is kept
as typed (templates escape on output), so `<b>` or `&lt;` stays literally what the person wrote.
"""

from __future__ import annotations

import contextlib
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from participatiemix.catalogue import selectors
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.mix.errors import DataError
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.site.forms import CleanModelForm
from participatiemix.site.i18n import current_lang
from participatiemix.site.text import clean_text

# Path segments under /instrumenten/ that a local id must not take.
RESERVED_IDS = frozenset({"vergelijk", "lokaal", "ervaringen", "nieuw"})


def _vocabulary_choices(section: str) -> list[tuple[str, str]]:
    # Labels in the active language: the form is built per request.
    return load_vocabulary().choices(section, current_lang())


def curated_ids() -> set[str]:
    """Ids a local instrument may not take: the shipped files and every id the vocabulary reserves."""
    ids = set(load_vocabulary().ids("instruments"))
    # A broken catalogue is reported elsewhere; the vocabulary ids still protect the curated names.
    with contextlib.suppress(DataError):
        ids |= set(selectors.curated_catalogue().instruments)
    return ids


def suggest_id(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("àáâäèéêëìíîïòóôöùúûüç", "aaaaeeeeiiiioooouuuuc"))
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"lokaal_{slug}".strip("_")
    return slug[:60].rstrip("_")


class SingleLineMixin:
    """Names and short fields are one line: newlines typed or pasted into them become spaces."""

    single_line: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.single_line:
            if isinstance(data.get(name), str):
                data[name] = clean_text(data[name], multiline=False)
        return data


class LocalInstrumentForm(SingleLineMixin, CleanModelForm):
    single_line = ("name_nl", "name_en", "contact_role")

    phases = forms.MultipleChoiceField(label=_("Beleidsfasen"), widget=forms.CheckboxSelectMultiple)
    levels = forms.MultipleChoiceField(label=_("Treden van de participatieladder"), widget=forms.CheckboxSelectMultiple)
    goals = forms.MultipleChoiceField(label=_("Doelen"), widget=forms.CheckboxSelectMultiple)
    reaches = forms.MultipleChoiceField(
        label=_("Welke doelgroepen bereikt het?"), widget=forms.CheckboxSelectMultiple, required=False
    )
    online = forms.ChoiceField(label=_("Online of fysiek"), widget=forms.RadioSelect)

    class Meta:
        model = LocalInstrument
        fields = [
            "name_nl",
            "name_en",
            "slug",
            "summary_nl",
            "summary_en",
            "phases",
            "levels",
            "goals",
            "reaches",
            "online",
            "cost_min_eur",
            "cost_max_eur",
            "contact_role",
        ]
        help_texts = {
            "name_en": _("Mag leeg blijven. Dan tonen we de Nederlandse naam."),
            "slug": _("Komt in het webadres. Laat leeg om er een te maken uit de naam."),
            "summary_nl": _("Twee of drie zinnen: wat gebeurt er en met wie?"),
            "summary_en": _("Mag leeg blijven."),
            "cost_min_eur": _("Hele euro's, zonder punt. Bijvoorbeeld 2000."),
            "contact_role": _("Een functie, geen naam. Bijvoorbeeld: beleidsadviseur participatie."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["phases"].choices = _vocabulary_choices("phases")
        self.fields["levels"].choices = _vocabulary_choices("levels")
        self.fields["goals"].choices = _vocabulary_choices("goals")
        self.fields["reaches"].choices = _vocabulary_choices("target_groups")
        self.fields["online"].choices = _vocabulary_choices("online_modes")
        required = {
            "name_nl": _("Vul een naam in."),
            "summary_nl": _("Vul een korte beschrijving in: twee of drie zinnen."),
            "contact_role": _("Vul een functie in, bijvoorbeeld ‘beleidsadviseur participatie’."),
            "phases": _("Kies minstens één beleidsfase."),
            "levels": _("Kies minstens één trede."),
            "goals": _("Kies minstens één doel."),
            "online": _("Kies online, fysiek of allebei."),
            "cost_min_eur": _("Vul de laagste kosten in, in hele euro's (0 mag)."),
            "cost_max_eur": _("Vul de hoogste kosten in, in hele euro's."),
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message
        for name in ("cost_min_eur", "cost_max_eur"):
            self.fields[name].widget.attrs.update(min=0, step=1, inputmode="numeric")
        for name in ("summary_nl", "summary_en"):
            self.fields[name].widget.attrs["rows"] = 4
        if self.instance.pk:
            # Experiences and links point at the code: it stays what it was.
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("De code staat vast. Die zit al in webadressen en ervaringen.")

    def clean_slug(self):
        if self.instance.pk:
            return self.instance.slug
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if not slug:
            # name_nl is cleaned before slug: the field order says so. Without a name the name's own
            # error is enough; a code made from nothing would only add a confusing second one.
            name = self.cleaned_data.get("name_nl") or ""
            if not name:
                return ""
            slug = suggest_id(name)
        if not re.fullmatch(r"[a-z][a-z0-9_]{1,59}", slug):
            raise forms.ValidationError(
                _("Gebruik 2 tot 60 kleine letters, cijfers of liggende streepjes (_), te beginnen met een letter.")
            )
        if slug in RESERVED_IDS:
            raise forms.ValidationError(_("De code ‘%(id)s’ is gereserveerd. Kies een andere code.") % {"id": slug})
        if slug in curated_ids():
            raise forms.ValidationError(
                _("De code ‘%(id)s’ hoort bij een instrument uit de catalogus. Kies een andere code.") % {"id": slug}
            )
        others = LocalInstrument.objects.filter(slug=slug)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is al een lokaal instrument met de code ‘%(id)s’.") % {"id": slug})
        return slug

    def clean(self):
        data = super().clean()
        low, high = data.get("cost_min_eur"), data.get("cost_max_eur")
        if low is not None and high is not None and low > high:
            message = _("De hoogste kosten (€ %(high)s) zijn lager dan de laagste (€ %(low)s).")
            hint = _("Maak ‘tot’ minstens zo hoog als ‘vanaf’.")
            self.add_error("cost_max_eur", f"{message % {'low': low, 'high': high}} {hint}")
        return data


class ExperienceForm(SingleLineMixin, CleanModelForm):
    single_line = ("where", "when", "contact_role")
    instrument_id = forms.ChoiceField(label=_("Instrument"))

    class Meta:
        model = Experience
        fields = ["instrument_id", "where", "when", "what_worked", "what_did_not", "contact_role"]
        help_texts = {
            "where": _("Bijvoorbeeld: wijk Noord, bij de herinrichting van het park."),
            "when": _("Bijvoorbeeld: voorjaar 2024."),
            "what_did_not": _("Mag leeg blijven, maar juist dit helpt collega's."),
            "contact_role": _("Een functie, geen naam. Bijvoorbeeld: wijkregisseur."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument_id"].choices = [("", _("Kies een instrument"))] + selectors.instrument_choices(
            lang=current_lang()
        )
        messages = {
            "instrument_id": _("Kies een instrument uit de lijst."),
            "where": _("Vul in waar u het instrument gebruikte."),
            "when": _("Vul in wanneer u het instrument gebruikte."),
            "what_worked": _("Vul in wat goed werkte."),
            "contact_role": _("Vul een functie in, bijvoorbeeld ‘wijkregisseur’."),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["instrument_id"].error_messages["invalid_choice"] = _(
            "Dit instrument bestaat niet. Kies een instrument uit de lijst."
        )
        for name in ("what_worked", "what_did_not"):
            self.fields[name].widget.attrs["rows"] = 4
