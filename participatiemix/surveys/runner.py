"""Registers the survey (enquête) as a runnable instrument."""

from django.utils.translation import gettext_lazy as _

from participatiemix.processes.registry import RunnableInstrument, register

register(
    RunnableInstrument(
        app="surveys",
        label=_("Enquête"),
        kind="online",
        catalogue_ids=frozenset({"enquete"}),
        collects=_("antwoorden op vragen"),
    )
)
