app_name = "scan"
urlpatterns: list = []
