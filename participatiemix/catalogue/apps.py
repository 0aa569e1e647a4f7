from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "participatiemix.catalogue"
    label = "catalogue"
