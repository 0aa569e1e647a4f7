from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "participatiemix.site"
    label = "site"
    verbose_name = "Participatiemix"

    def ready(self) -> None:
        from participatiemix.site import converters

        converters.register()
