from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "participatiemix.plans"
    label = "plans"
