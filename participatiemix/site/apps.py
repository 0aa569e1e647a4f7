from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "participatiemix.site"
    label = "site"
    verbose_name = "Participatiemix"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from participatiemix.site import converters
        from participatiemix.site.cache_table import create_cache_table

        converters.register()
        # No sender: post_migrate is only sent for apps with models, and this one has none.
        post_migrate.connect(create_cache_table, dispatch_uid="pmx_cache_table")
