"""The intake forms, one per step, in the deck's order; and the forms of the plan page.

Choices come from the vocabulary (labels in the active language), so a tampered POST with an id
that is not in the vocabulary is refused with a message that names the field and what is allowed.
Fields render through the site's form toolkit (settings.FORM_RENDERER, `{{ field.as_field_group }}`):
Django links help and errors to the control (aria-describedby, aria-invalid). Radios and checkboxes may
carry a help text and a flag per option (`OptionHelpMixin`), linked to that option. Every form cleans
typed text first (site.forms.CleanForm): control characters never reach the database or the exports,
and invisible-only text counts as empty.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from participatiemix.mix import safe_load
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.plans import texts
from participatiemix.plans.models import SHARE_DAYS, PlanComment
from participatiemix.plans.selectors import instrument_choices
from participatiemix.site.forms import CleanForm
from participatiemix.site.i18n import current_lang as lang
from participatiemix.site.text import excerpt

YES, NO = "ja", "nee"
# Option lists longer than this show in two columns on wide screens.
GRID_FROM = 6


class OptionHelpMixin:
    """A help text and a flag per option, each linked to its own radio or checkbox with aria-describedby."""

    option_template_name = "plans/widgets/option.html"
    option_help: dict[str, str] = {}
    option_flag: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        option["help"] = self.option_help.get(str(value), "")
        option["flag"] = self.option_flag.get(str(value), "")
        if option["help"] and option["attrs"].get("id"):
            option["help_id"] = f"{option['attrs']['id']}_help"
            option["attrs"]["aria-describedby"] = option["help_id"]
        return option


class HelpRadioSelect(OptionHelpMixin, forms.RadioSelect):
    pass


class HelpCheckboxes(OptionHelpMixin, forms.CheckboxSelectMultiple):
    pass


def option_texts(field: forms.Field, *, help: dict | None = None, flag: dict | None = None) -> None:
    field.widget.option_help = {k: str(v) for k, v in (help or {}).items()}
    field.widget.option_flag = {k: str(v) for k, v in (flag or {}).items()}


def grid_if_long(field: forms.Field) -> None:
    if len(field.choices) > GRID_FROM:
        field.widget.attrs["class"] = "pmx-options--grid"


# Ids as a database holds them; a larger number is refused by the form (a Dutch 400), never a 500.
MAX_ID = 10**18 - 1


def vocab_choices(section: str) -> list[tuple[str, str]]:
    return load_vocabulary().choices(section, lang())


def _allowed(choices) -> str:
    return ", ".join(str(label) for value, label in choices if value != "")


def _formatted(message, **values) -> str:
    """Fill in a message when it is shown, not at import: the form fields are built once, for every language."""

    def render() -> str:
        return str(message) % {key: value() if callable(value) else str(value) for key, value in values.items()}

    return lazy(render, str)()


def choice_errors(label, choices) -> dict[str, Any]:
    """Dutch (or English) messages that name the field and list what is allowed."""

    def allowed() -> str:
        return _allowed(choices)

    return {
        "required": _formatted(_("Kies een antwoord bij ‘%(label)s’."), label=label),
        "invalid_choice": _formatted(
            _("‘%(label)s’: ‘%%(value)s’: deze keuze bestaat niet. Kies uit: %(allowed)s."),
            label=label,
            allowed=allowed,
        ),
        "invalid_list": _formatted(_("‘%(label)s’: kies uit: %(allowed)s."), label=label, allowed=allowed),
    }


def number_errors(label, maximum: int) -> dict[str, Any]:
    return {
        "invalid": _formatted(
            _("‘%(label)s’ moet een heel getal zijn, zonder punten of letters (bijvoorbeeld 12000)."), label=label
        ),
        "min_value": _formatted(
            _("‘%(label)s’ kan niet negatief zijn. Vul 0 of meer in, of laat het leeg."), label=label
        ),
        "max_value": _formatted(_("‘%(label)s’ is te groot; het hoogste getal is %(max)s."), label=label, max=maximum),
    }


def yes_no_field(label, help_text="") -> forms.TypedChoiceField:
    choices = [(YES, _("Ja")), (NO, _("Nee"))]
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        coerce=lambda v: v == YES,
        widget=HelpRadioSelect,
        error_messages=choice_errors(label, choices),
    )


def yes_no(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


def number_field(label, help_text="", maximum: int = 100_000_000, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=0,
        max_value=maximum,
        error_messages=number_errors(label, maximum),
        # A text box with a numeric keyboard: type=number changes values on scroll and hides typing errors.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "utrecht-textbox--numeric pmx-number"}),
    )


class StepForm(CleanForm):
    """Base of the intake steps: `from_plan` gives form data, `case_update` what to merge into the draft."""

    step: int = 0
    title = ""
    option_help: dict[str, dict[str, str]] = {}

    @classmethod
    def data_from(cls, *, case: dict, plan) -> dict[str, Any]:
        raise NotImplementedError

    def case_update(self) -> dict[str, Any]:
        raise NotImplementedError

    def plan_update(self) -> dict[str, Any]:
        return {}


class QuestionForm(StepForm):
    step = 1
    title = _("De vraag")
    title_field = forms.CharField(
        label=_("Korte naam van de vraag"),
        help_text=_("Bijvoorbeeld: Een alternatief voor Gronings gas kiezen."),
        max_length=300,
        error_messages={
            "required": _("Vul een korte naam in bij ‘Korte naam van de vraag’."),
            "max_length": _("‘Korte naam van de vraag’ is te lang: gebruik hoogstens 300 tekens."),
        },
    )
    policy_question = forms.CharField(
        label=_("De vraag waar inwoners over meepraten"),
        help_text=_(
            "Schrijf de vraag zoals u die aan inwoners zou stellen. Het gaat om het proces, niet om de uitkomst."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Vul de vraag in bij ‘De vraag waar inwoners over meepraten’."),
            "max_length": _("‘De vraag waar inwoners over meepraten’ is te lang: gebruik hoogstens 5000 tekens."),
        },
    )
    municipality = forms.CharField(
        label=_("Gemeente"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("‘Gemeente’ is te lang: gebruik hoogstens 200 tekens.")},
    )
    scale = forms.ChoiceField(label=_("Schaal"), help_text=_("Over welk gebied gaat de vraag?"), widget=HelpRadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_field"].widget.attrs["autocomplete"] = "off"
        self.fields["municipality"].widget.attrs["autocomplete"] = "organization"
        self.fields["scale"].choices = vocab_choices("scales")
        self.fields["scale"].error_messages = choice_errors(str(_("Schaal")), self.fields["scale"].choices)

    def clean_title_field(self):
        value = self.cleaned_data["title_field"].strip()
        if not value:
            raise forms.ValidationError(_("Vul een korte naam in bij ‘Korte naam van de vraag’."))
        return value

    def clean_policy_question(self):
        value = self.cleaned_data["policy_question"].strip()
        if not value:
            raise forms.ValidationError(_("Vul de vraag in bij ‘De vraag waar inwoners over meepraten’."))
        return value

    @classmethod
    def data_from(cls, *, case, plan):
        return {
            "title_field": case.get("title") or "",
            "policy_question": case.get("policy_question") or "",
            "municipality": case.get("municipality") or "",
            "scale": case.get("scale") or "",
        }

    def case_update(self):
        d = self.cleaned_data
        return {
            "title": d["title_field"],
            "policy_question": d["policy_question"],
            "municipality": d["municipality"].strip(),
            "scale": d["scale"],
        }


class PreconditionsForm(StepForm):
    step = 2
    title = _("Randvoorwaarden")
    room_for_influence = yes_no_field(
        _("Is er ruimte voor invloed?"),
        _("Kunnen inwoners het besluit nog echt veranderen? Is er iets te kiezen, en staan wetten dat niet in de weg?"),
    )
    enough_time = yes_no_field(
        _("Is er genoeg tijd voor het besluit valt?"),
        _("Is er tijd om inwoners te betrekken en hun inbreng te verwerken, voordat het besluit valt?"),
    )
    commitment = yes_no_field(
        _("Doen college en raad echt mee?"),
        _("Willen de wethouder en de raad actief meedoen en zich binden aan wat er met de inbreng gebeurt?"),
    )
    capacity = yes_no_field(
        _("Is er genoeg geld en menskracht?"),
        _("Zijn er genoeg geld, ambtenaren en uren om het proces goed te doen?"),
    )

    @classmethod
    def data_from(cls, *, case, plan):
        return {name: yes_no(getattr(plan, name, None)) for name in cls.base_fields}

    def case_update(self):
        return {}

    def plan_update(self):
        return dict(self.cleaned_data)


class GoalsForm(StepForm):
    """Goals and level per phase, in the order of the policy cycle (the form fixes the order)."""

    step = 3
    title = _("Doelen en trede per fase")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocab = load_vocabulary()
        self.phase_ids = vocab.ids("phases")
        goal_choices = vocab_choices("goals")
        level_choices = [("", _("Inwoners doen in deze fase niet mee")), *vocab_choices("levels")]
        for phase in self.phase_ids:
            phase_label = vocab.label("phases", phase, lang())
            self.fields[f"{phase}-goals"] = forms.MultipleChoiceField(
                label=_("Doelen in de fase %(phase)s") % {"phase": phase_label},
                choices=goal_choices,
                required=False,
                widget=HelpCheckboxes,
                error_messages=choice_errors(str(_("Doelen (%(phase)s)") % {"phase": phase_label}), goal_choices),
            )
            level_field = forms.ChoiceField(
                label=_("Trede in de fase %(phase)s") % {"phase": phase_label},
                choices=level_choices,
                required=False,
                widget=HelpRadioSelect,
                error_messages=choice_errors(str(_("Trede (%(phase)s)") % {"phase": phase_label}), level_choices),
            )
            option_texts(level_field, help={lvl: vocab.promise(lvl, lang()) for lvl in vocab.ids("levels")})
            grid_if_long(self.fields[f"{phase}-goals"])
            self.fields[f"{phase}-level"] = level_field
            self.fields[f"{phase}-weeks"] = number_field(
                _("Weken voor de fase %(phase)s") % {"phase": phase_label}, maximum=520
            )

    def phase_groups(self) -> list[dict[str, Any]]:
        vocab = load_vocabulary()
        return [
            {
                "id": phase,
                "label": vocab.label("phases", phase, lang()),
                "hint": texts.PHASE_HINTS.get(phase, ""),
                "fields": [self[f"{phase}-level"], self[f"{phase}-goals"], self[f"{phase}-weeks"]],
            }
            for phase in self.phase_ids
        ]

    def clean(self):
        cleaned = super().clean()
        vocab = load_vocabulary()
        chosen = 0
        for phase in self.phase_ids:
            label = vocab.label("phases", phase, lang())
            level = cleaned.get(f"{phase}-level")
            goals = cleaned.get(f"{phase}-goals") or []
            if level and not goals:
                self.add_error(
                    f"{phase}-goals",
                    _("Kies minstens één doel voor %(phase)s, of kies ‘Inwoners doen in deze fase niet mee’.")
                    % {"phase": label},
                )
            elif goals and not level and f"{phase}-level" not in self.errors:
                self.add_error(
                    f"{phase}-level",
                    _("U koos doelen voor %(phase)s. Kies ook een trede, of haal de vinkjes bij de doelen weg.")
                    % {"phase": label},
                )
            if level:
                chosen += 1
        if chosen == 0 and not self.errors:
            raise forms.ValidationError(
                _("Kies voor minstens één fase een trede en een doel. Zonder fase is er geen participatie te plannen.")
            )
        return cleaned

    @classmethod
    def data_from(cls, *, case, plan):
        data: dict[str, Any] = {}
        for item in case.get("phases") or []:
            if not isinstance(item, dict) or not isinstance(item.get("phase"), str):
                continue
            phase = item["phase"]
            data[f"{phase}-level"] = item.get("level") or ""
            goals = item.get("goals") or []
            data[f"{phase}-goals"] = [g for g in goals if isinstance(g, str)] if isinstance(goals, list) else []
            weeks = item.get("weeks")
            data[f"{phase}-weeks"] = "" if weeks is None else str(int(weeks)) if float(weeks).is_integer() else weeks
        return data

    def case_update(self):
        phases = []
        for phase in self.phase_ids:
            level = self.cleaned_data.get(f"{phase}-level")
            if not level:
                continue
            entry: dict[str, Any] = {"phase": phase, "goals": self.cleaned_data[f"{phase}-goals"], "level": level}
            weeks = self.cleaned_data.get(f"{phase}-weeks")
            if weeks is not None:
                entry["weeks"] = weeks
            phases.append(entry)
        return {"phases": phases}


class CouncilForm(StepForm):
    step = 4
    title = _("De raad")
    room = forms.ChoiceField(
        label=_("Hoeveel ruimte laat de raad?"),
        help_text=_("De raad stelt kaders en neemt het besluit. Hoeveel is nog open?"),
        widget=HelpRadioSelect,
    )
    frames_set = yes_no_field(
        _("Heeft de raad al kaders gesteld?"),
        _("Kaders zijn bijvoorbeeld: de vraag, het budget, de tijd, wat vastligt en hoe de raad de uitkomst weegt."),
    )
    decides = yes_no_field(
        _("Neemt de raad het besluit?"),
        _("Kies ‘Nee’ als het college, de burgemeester of een andere overheid beslist."),
    )
    shared_mandate = yes_no_field(
        _("Ligt een deel van het besluit bij een andere partij?"),
        _("Bijvoorbeeld de provincie, het Rijk, een netbeheerder of een woningcorporatie."),
    )
    notes = forms.CharField(
        label=_("Toelichting over de rol van de raad"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("De toelichting is te lang: gebruik hoogstens 2000 tekens.")},
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["room"].choices = vocab_choices("council_room")
        self.fields["room"].error_messages = choice_errors(str(self.fields["room"].label), self.fields["room"].choices)
        option_texts(self.fields["room"], help=texts.ROOM_HELP)

    def clean(self):
        cleaned = super().clean()
        room = cleaned.get("room")
        if self.plan is not None and self.plan.room_for_influence is False and room in ("open", "bounded"):
            self.add_error(
                "room",
                _(
                    "Bij stap 2 zei u dat er geen ruimte voor invloed is. Kies dan ‘Geen’, "
                    "of pas uw antwoord bij stap 2 aan."
                ),
            )
        return cleaned

    @classmethod
    def data_from(cls, *, case, plan):
        council = case.get("council") if isinstance(case.get("council"), dict) else {}
        return {
            "room": council.get("room") or "",
            "frames_set": yes_no(bool(council.get("frames_set", False))),
            "decides": yes_no(bool(council.get("decides", True))),
            "shared_mandate": yes_no(bool(case.get("shared_mandate", False))),
            "notes": council.get("notes") or "",
        }

    def case_update(self):
        d = self.cleaned_data
        return {
            "council": {
                "room": d["room"],
                "frames_set": d["frames_set"],
                "decides": d["decides"],
                "notes": d["notes"].strip(),
            },
            "shared_mandate": d["shared_mandate"],
        }


class TargetGroupsForm(StepForm):
    step = 5
    title = _("Wie betrekt u?")
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        help_text=_("Kies alle groepen die u wilt bereiken. Groepen die vaak niet vanzelf meedoen zijn gemarkeerd."),
        widget=HelpCheckboxes,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target_groups"]
        field.choices = vocab_choices("target_groups")
        field.error_messages = choice_errors(str(field.label), field.choices)
        field.error_messages["required"] = _("Kies minstens één doelgroep bij ‘Doelgroepen’.")
        option_texts(field, help=texts.GROUP_HELP, flag={k: _("moeilijk bereikbaar") for k in texts.HARD_TO_REACH})
        grid_if_long(field)

    @classmethod
    def data_from(cls, *, case, plan):
        groups = case.get("target_groups")
        return {"target_groups": [g for g in groups if isinstance(g, str)] if isinstance(groups, list) else []}

    def case_update(self):
        return {"target_groups": self.cleaned_data["target_groups"]}


def month_start(value: str | None) -> date | None:
    """'2027-06' as the first day of that month (None for empty or malformed text)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def decision_month_choices(chosen: str | None = None) -> list[tuple[str, str]]:
    """'Not known yet' and the coming 36 months ('juni 2027'); a stored earlier month stays choosable."""
    today = timezone.localdate()
    months = [date(today.year + (today.month - 1 + i) // 12, (today.month - 1 + i) % 12 + 1, 1) for i in range(36)]
    earlier = month_start(chosen)
    if earlier is not None and earlier not in months:
        months.insert(0, earlier)
    return [("", _("Nog niet bekend"))] + [(m.strftime("%Y-%m"), formats.date_format(m, "F Y")) for m in months]


class ConstraintsForm(StepForm):
    step = 6
    title = _("Kaders en context")
    budget_eur = number_field(_("Budget voor de participatie, in euro"), _("Alleen het geld voor het proces."))
    decision_month = forms.ChoiceField(
        label=_("In welke maand besluit de raad?"),
        help_text=_("Dan rekent het plan terug naar data. Weet u het nog niet? Kies ‘Nog niet bekend’."),
        required=False,
    )
    weeks = number_field(
        _("Weken tot het besluit"),
        _("Leeg laten mag: dan rekent het plan dit uit met de maand van het besluit."),
        maximum=520,
    )
    staff_hours = number_field(_("Ambtelijke uren"), _("Alle uren van ambtenaren samen."), maximum=1_000_000)
    online_only = yes_no_field(
        _("Kan het alleen online?"), _("Kies ‘Ja’ als bijeenkomsten op locatie niet mogelijk zijn.")
    )
    trust = forms.ChoiceField(label=_("Vertrouwen tussen inwoners en gemeente"), widget=HelpRadioSelect)
    polarisation = forms.ChoiceField(label=_("Hoe verdeeld zijn de meningen?"), widget=HelpRadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get("decision_month") if self.is_bound else self.initial.get("decision_month")
        self.fields["decision_month"].choices = decision_month_choices(chosen)
        for name, section in (("trust", "trust"), ("polarisation", "polarisation")):
            self.fields[name].choices = vocab_choices(section)
            self.fields[name].error_messages = choice_errors(str(self.fields[name].label), self.fields[name].choices)

    @classmethod
    def data_from(cls, *, case, plan):
        constraints = case.get("constraints") if isinstance(case.get("constraints"), dict) else {}
        context = case.get("context") if isinstance(case.get("context"), dict) else {}

        def num(value):
            if value is None:
                return ""
            return str(int(value)) if isinstance(value, int | float) and float(value).is_integer() else str(value)

        return {
            "budget_eur": num(constraints.get("budget_eur")),
            "weeks": num(constraints.get("weeks")),
            "decision_month": plan.decision_month.strftime("%Y-%m") if getattr(plan, "decision_month", None) else "",
            "staff_hours": num(constraints.get("staff_hours")),
            "online_only": yes_no(bool(constraints.get("online_only", False))),
            "trust": context.get("trust") or "normal",
            "polarisation": context.get("polarisation") or "low",
        }

    def case_update(self):
        d = self.cleaned_data
        constraints = {key: d[key] for key in ("budget_eur", "weeks", "staff_hours") if d.get(key) is not None}
        month = month_start(d.get("decision_month"))
        if "weeks" not in constraints and month is not None:
            # Counted back from the decision month: the whole weeks from today to its first day.
            constraints["weeks"] = max(1, (month - timezone.localdate()).days // 7)
        constraints["online_only"] = d["online_only"]
        return {"constraints": constraints, "context": {"trust": d["trust"], "polarisation": d["polarisation"]}}

    def plan_update(self):
        return {"decision_month": month_start(self.cleaned_data.get("decision_month"))}


class StartingInstrumentForm(StepForm):
    step = 7
    title = _("Een instrument in gedachten?")
    starting_instrument = forms.ChoiceField(
        label=_("Heeft u al een instrument in gedachten?"),
        help_text=_(
            "Het advies kijkt of dit instrument past bij uw doelen, fasen en treden. "
            "Past het niet, dan krijgt u een waarschuwing. Denk eerst in doelen, dan pas in instrumenten."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Nee, nog geen instrument")), *instrument_choices(lang=lang())]
        field = self.fields["starting_instrument"]
        field.choices = choices
        field.error_messages = choice_errors(str(_("Instrument in gedachten")), choices)

    @classmethod
    def data_from(cls, *, case, plan):
        return {"starting_instrument": case.get("starting_instrument") or ""}

    def case_update(self):
        return {"starting_instrument": self.cleaned_data["starting_instrument"] or None}


STEP_FORMS: list[type[StepForm]] = [
    QuestionForm,
    PreconditionsForm,
    GoalsForm,
    CouncilForm,
    TargetGroupsForm,
    ConstraintsForm,
    StartingInstrumentForm,
]


def _kb(size: int) -> int:
    return size // 1024


class CaseUploadForm(CleanForm):
    file = forms.FileField(
        label=_("Casusbestand (YAML of JSON)"),
        help_text=_formatted(
            _("Hoogstens %(kb)s KB. Velden zoals in het voorbeeld aardgasvrij.yaml."), kb=_kb(safe_load.MAX_BYTES)
        ),
        error_messages={
            "required": _("Kies een bestand bij ‘Casusbestand’."),
            "empty": _("Het bestand is leeg. Kies een casusbestand met inhoud."),
            "invalid": _("Dit is geen bestand. Kies een YAML- of JSON-bestand."),
        },
    )

    MAX_BYTES = safe_load.MAX_BYTES

    def clean_file(self):
        """(name, bytes): the name checked, the size bounded; reading the content is mix.safe_load's job."""
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        shown = excerpt(upload.name, 60)
        if not name.endswith((".yaml", ".yml", ".json")):
            raise forms.ValidationError(
                _("‘%(name)s’ is geen YAML- of JSON-bestand. Toegestaan: .yaml, .yml of .json.") % {"name": shown}
            )
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (hoogstens %(kb)s KB). Een casus is meestal een paar KB.")
                % {"kb": _kb(self.MAX_BYTES)}
            )
        return upload.name, upload.read(self.MAX_BYTES + 1)


class InstrumentChangeForm(CleanForm):
    """Remove, add or replace one instrument in one phase of the plan."""

    ACTIONS = [("remove", _("Weghalen")), ("add", _("Toevoegen")), ("replace", _("Vervangen"))]
    action = forms.ChoiceField(choices=ACTIONS)
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    replacement = forms.ChoiceField(label=_("Vervangen door"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = instrument_choices(lang=lang())
        for name in ("instrument", "replacement"):
            self.fields[name].choices = [("", "—"), *choices]
            self.fields[name].error_messages = choice_errors(str(self.fields[name].label), choices)
        self.fields["action"].error_messages = choice_errors(str(_("Actie")), self.ACTIONS)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("instrument") and "instrument" not in self.errors:
            self.add_error("instrument", _("Kies een instrument."))
        if cleaned.get("action") == "replace" and not cleaned.get("replacement") and "replacement" not in self.errors:
            self.add_error("replacement", _("Kies bij ‘Vervangen door’ het instrument dat in de plaats komt."))
        return cleaned


class CompareVersionsForm(CleanForm):
    a = forms.IntegerField(label=_("Versie links"), min_value=1, max_value=MAX_ID)
    b = forms.IntegerField(label=_("Versie rechts"), min_value=1, max_value=MAX_ID)


class ComparePlansForm(CleanForm):
    a = forms.IntegerField(label=_("Plan links"), min_value=1, max_value=MAX_ID)
    b = forms.IntegerField(label=_("Plan rechts"), min_value=1, max_value=MAX_ID)


class ShareLinkForm(CleanForm):
    days = forms.TypedChoiceField(
        label=_("Hoe lang werkt de link?"),
        choices=[(d, _formatted(_("%(n)s dagen"), n=d)) for d in SHARE_DAYS],
        coerce=int,
        initial=30,
        widget=HelpRadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].error_messages = choice_errors(str(self.fields["days"].label), self.fields["days"].choices)


class CommentForm(CleanForm):
    text = forms.CharField(
        label=_("Uw reactie"),
        help_text=_formatted(
            _("Hoogstens %(n)s tekens. Andere lezers van het plan zien uw naam en de datum."), n=PlanComment.MAX_LENGTH
        ),
        max_length=PlanComment.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf een reactie bij ‘Uw reactie’."),
            "max_length": _formatted(
                _("Uw reactie is te lang: gebruik hoogstens %(n)s tekens."), n=PlanComment.MAX_LENGTH
            ),
        },
    )
