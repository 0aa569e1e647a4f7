from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "participatiemix.site"
    label = "site"
    verbose_name = "Participatiemix"
