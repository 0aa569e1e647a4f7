from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "participatiemix.meetings"
    label = "meetings"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        from participatiemix.meetings import runner, signals  # noqa: F401 - runner registers the instrument

        signals.connect()
