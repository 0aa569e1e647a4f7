"""Forms of the form builder and the voluntary profile. Every text passes the site's cleaner (CleanForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participatiemix.site.forms import CleanForm, CleanModelForm
from participatiemix.surveys.models import CHOICE_KINDS, Question, Section, Survey

NEW_OPTION_ROWS = 3


class SurveyForm(CleanModelForm):
    class Meta:
        model = Survey
        fields = ["title_nl", "title_en", "intro_nl", "intro_en", "requires_account", "ask_profile", "closed"]
        widgets = {"intro_nl": forms.Textarea(attrs={"rows": 3}), "intro_en": forms.Textarea(attrs={"rows": 3})}


class SectionForm(CleanModelForm):
    class Meta:
        model = Section
        fields = ["title_nl", "title_en"]


class QuestionForm(CleanModelForm):
    """The question itself; its options come as rows `opt_<id>_nl/_en/_pos` (existing) and `new_<n>_nl/_en`."""

    class Meta:
        model = Question
        fields = [
            "kind",
            "required",
            "text_nl",
            "text_en",
            "help_nl",
            "help_en",
            "min_value",
            "max_value",
            "min_label_nl",
            "min_label_en",
            "max_label_nl",
            "max_label_en",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_value"].help_text = _("Bij een schaal (bijvoorbeeld 1) of een getal. Mag leeg bij een getal.")
        self.fields["max_value"].help_text = _("Bij een schaal (bijvoorbeeld 5) of een getal. Mag leeg bij een getal.")
        self.option_rows = []
        existing = list(self.instance.options.all()) if self.instance.pk else []
        for o in existing:
            self._option_fields(f"opt_{o.pk}", o.label_nl, o.label_en, o.position + 1, delete=True)
            self.option_rows.append({"key": f"opt_{o.pk}", "id": o.pk})
        for n in range(1, NEW_OPTION_ROWS + (2 if not existing else 0) + 1):
            self._option_fields(f"new_{n}", "", "", len(existing) + n)
            self.option_rows.append({"key": f"new_{n}", "id": None})

    def _option_fields(self, key: str, nl: str, en: str, position: int, delete: bool = False) -> None:
        self.fields[f"{key}_nl"] = forms.CharField(
            label=_("Keuze (Nederlands)"), max_length=200, required=False, initial=nl
        )
        self.fields[f"{key}_en"] = forms.CharField(
            label=_("Keuze (Engels)"), max_length=200, required=False, initial=en
        )
        self.fields[f"{key}_pos"] = forms.IntegerField(
            label=_("Plaats"), min_value=1, max_value=99, required=False, initial=position
        )
        if delete:
            self.fields[f"{key}_delete"] = forms.BooleanField(label=_("Keuze verwijderen"), required=False)

    def option_fields(self):
        for row in self.option_rows:
            yield {
                "key": row["key"],
                "fields": [
                    self[f"{row['key']}_{part}"]
                    for part in ("nl", "en", "pos", "delete")
                    if f"{row['key']}_{part}" in self.fields
                ],
            }

    def options(self) -> list[tuple[int | None, str, str]] | None:
        if self.cleaned_data.get("kind") not in CHOICE_KINDS:
            return None
        rows = []
        for index, row in enumerate(self.option_rows):
            key = row["key"]
            if self.cleaned_data.get(f"{key}_delete"):
                continue
            nl = self.cleaned_data.get(f"{key}_nl") or ""
            if not nl.strip():
                continue
            pos = self.cleaned_data.get(f"{key}_pos") or (100 + index)
            rows.append((pos, index, (row["id"], nl, self.cleaned_data.get(f"{key}_en") or "")))
        return [r[2] for r in sorted(rows)]


class RuleForm(CleanForm):
    answer = forms.ChoiceField(label=_("Als het antwoord is"))
    target = forms.ChoiceField(label=_("Ga dan verder met"))

    def __init__(self, *args, question: Question, later: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix = f"rule{question.pk}"
        if question.kind == "yes_no":
            answers = [("yes", _("Ja")), ("no", _("Nee"))]
        else:
            options = getattr(question, "option_list", None)  # loaded with the structure: no query per question
            answers = [(str(o.pk), o.label_nl) for o in (options if options is not None else question.options.all())]
        self.fields["answer"].choices = answers
        word = _("Vraag")
        self.fields["target"].choices = [(str(q.pk), f"{word} {q.number}: {q.text_nl}"[:120]) for q in later]
        self.fields["target"].choices += [("end", _("Einde van de enquête"))]
