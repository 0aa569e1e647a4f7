from django.apps import AppConfig


class ScanConfig(AppConfig):
    name = "participatiemix.scan"
    label = "scan"
