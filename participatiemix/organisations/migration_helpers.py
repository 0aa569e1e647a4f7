"""Used by the apps' data migrations: existing rows go to the organisation 'standaard' (see organisations 0002)."""

DEFAULT_SLUG = "standaard"


def assign_default_organisation(app_label: str, model_name: str):
    """A RunPython function that gives every row of the model without an organisation to 'standaard'."""

    def forwards(apps, schema_editor):
        Model = apps.get_model(app_label, model_name)
        if not Model.objects.filter(organisation__isnull=True).exists():
            return
        Organisation = apps.get_model("organisations", "Organisation")
        org, _ = Organisation.objects.get_or_create(slug=DEFAULT_SLUG, defaults={"name": "Mijn gemeente"})
        Model.objects.filter(organisation__isnull=True).update(organisation=org)

    return forwards
