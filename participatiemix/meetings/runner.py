"""Registers meetings as the runnable instrument for every offline activity (the registry's fallback)."""

from django.utils.translation import gettext_lazy as _

from participatiemix.processes.registry import RunnableInstrument, register

register(
    RunnableInstrument(
        app="meetings",
        label=_("Bijeenkomst"),
        kind="offline",
        fallback=True,
        collects=_("inbreng tijdens de bijeenkomst"),
    )
)
