from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "participatiemix.surveys"
    label = "surveys"
    verbose_name = _("Enquêtes")

    def ready(self):
        from participatiemix.surveys import runner  # noqa: F401 - registers the instrument
