"""`{{ version.note|worded }}`: a version's stored note code in the active language (plans/notes.py)."""

from django import template

from participatiemix.plans.notes import worded as _worded

register = template.Library()


@register.filter
def worded(note: str) -> str:
    return _worded(note)
