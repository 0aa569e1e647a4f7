"""The form toolkit every app uses.

- `FormRenderer`: Django's own form rendering with the NL Design System look (templates under
  site/templates/django/forms/ and site/templates/site/forms/). In a template, `{{ form.field.as_field_group }}`
  or `{% include "site/forms/form.html" %}` renders label, help text, error and control, linked with Django's
  built-in aria-describedby / aria-invalid.
- `CleanForm` / `CleanModelForm`: every typed string passes `site.text.clean_text` before validation, so
  control characters never reach the database and invisible-only text counts as empty.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting

from participatiemix.site.text import clean_data


class FormRenderer(TemplatesSetting):
    form_template_name = "site/forms/form.html"
    field_template_name = "site/forms/field.html"


class CleanInputMixin:
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(clean_data(data), *args, **kwargs)


class CleanForm(CleanInputMixin, forms.Form):
    pass


class CleanModelForm(CleanInputMixin, forms.ModelForm):
    pass


def error_summary(form: forms.BaseForm) -> list[dict]:
    """[{'label', 'messages', 'anchor'}] for the error summary at the top of a form (links to each field)."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        items.append({"label": bound.label, "messages": list(errors), "anchor": bound.id_for_label or bound.auto_id})
    return items
