"""Forms of the report pages: which file to make, and the evaluation (actuals per activity, the judgement per
phase, council moments done). Every form cleans what people type (site.forms)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from participatiemix.processes.models import Activity, CouncilMoment, Phase
from participatiemix.processes.report_tasks import FORMATS
from participatiemix.site.forms import CleanForm, CleanModelForm

MAX_EUR = 100_000_000  # a participation process never costs more; a bigger number is a typing error
MAX_HOURS = 1_000_000


class ReportFormatForm(CleanForm):
    format = forms.ChoiceField(
        label=_("Formaat"),
        choices=[(f, {"pdf": "PDF", "docx": "Word", "json": "JSON"}[f]) for f in FORMATS],
        error_messages={
            "required": _("Kies een formaat: PDF, Word of JSON."),
            "invalid_choice": _("Kies een formaat: PDF, Word of JSON."),
        },
    )


def _number_field(field: forms.Field, maximum: int, what: str) -> None:
    field.min_value, field.max_value = 0, maximum
    # A text box with a numeric keyboard (not type=number): the browser never silently drops "1.500" or "12,5";
    # the server says what is wrong instead.
    field.widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
    field.validators += [MinValueValidator(0), MaxValueValidator(maximum)]
    field.error_messages.update(
        {
            "invalid": _("Vul bij %(what)s een heel getal in, zonder punt of komma, bijvoorbeeld 1500.")
            % {"what": what},
            "min_value": _("Vul bij %(what)s 0 of meer in.") % {"what": what},
            "max_value": _("Vul bij %(what)s hoogstens %(max)s in.")
            % {"what": what, "max": f"{maximum:,}".replace(",", ".")},
        }
    )


class ActivityActualsForm(CleanModelForm):
    """Planned and actual cost and hours of one activity, and whether it was held."""

    class Meta:
        model = Activity
        fields = ["status", "planned_cost_eur", "actual_cost_eur", "planned_hours", "actual_hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title = self.instance.title
        self.fields["status"].label = _("Status van %(title)s") % {"title": title}
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Kies bij status: gepland, gehouden of niet doorgegaan."
        )
        for name, maximum, what in (
            ("planned_cost_eur", MAX_EUR, _("geplande kosten")),
            ("actual_cost_eur", MAX_EUR, _("werkelijke kosten")),
            ("planned_hours", MAX_HOURS, _("geplande uren")),
            ("actual_hours", MAX_HOURS, _("werkelijke uren")),
        ):
            _number_field(self.fields[name], maximum, what)


class PhaseJudgementForm(CleanModelForm):
    """What was done with the phase's input ("u zei, wij deden") and whether its goals were met."""

    class Meta:
        model = Phase
        fields = ["we_did", "judgement"]
        widgets = {"we_did": forms.Textarea(attrs={"rows": 3}), "judgement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["we_did"].help_text = _("In gewone woorden. Inwoners lezen dit op de pagina van de fase.")
        self.fields["judgement"].help_text = _("Kort: is het doel van deze fase bereikt? Waarom wel of niet?")
        for name in ("we_did", "judgement"):
            limit = self.fields[name].max_length
            self.fields[name].error_messages["max_length"] = _("Gebruik hoogstens %(n)d tekens.") % {"n": limit}


class CouncilMomentForm(CleanModelForm):
    """When the council did this moment (empty: not yet), with a short note."""

    class Meta:
        model = CouncilMoment
        fields = ["done_on", "note"]
        widgets = {"done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].error_messages["invalid"] = _(
            "Vul een datum in als dag-maand-jaar, bijvoorbeeld 14-03-2027."
        )
        self.fields["done_on"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["done_on"].help_text = _("Leeg laten als de raad dit nog niet deed.")
        self.fields["note"].error_messages["max_length"] = _("Gebruik hoogstens 500 tekens.")
