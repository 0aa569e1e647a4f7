from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "participatiemix.workshop"
    label = "workshop"
