"""The admin follows the same permission layer as the pages (site/permissions.py).

`OrganisationScopedAdmin`: a staff user sees in /beheer/ only what their organisations own; viewing needs
VIEW, changing/deleting needs EDIT (or another ability the model admin names); new objects get the user's
organisation. `ChildOfOrganisationAdmin` does the same for models owned through a parent (`owner_field`).
"""

from __future__ import annotations

from django.contrib import admin

from participatiemix.organisations.roles import Ability
from participatiemix.site.organisation import choices as organisation_choices
from participatiemix.site.permissions import has_ability, is_superuser, scoped


class OrganisationScopedAdmin(admin.ModelAdmin):
    view_ability = Ability.VIEW
    change_ability = Ability.EDIT

    @property
    def organisation_path(self) -> str:
        """The path from the model to its organisation: the model's own `organisation_path` for a child object
        (e.g. "round__organisation", the one the permission layer follows), else its `organisation` field."""
        return getattr(self.model, "organisation_path", "organisation")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if is_superuser(request.user):
            return qs
        return scoped(qs, request.user, self.view_ability, field=self.organisation_path)

    def _owner(self, obj):
        for part in self.organisation_path.split("__")[:-1]:
            obj = getattr(obj, part)
        return obj

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and has_ability(request.user, self.view_ability)

    def has_view_permission(self, request, obj=None) -> bool:
        return has_ability(request.user, self.view_ability, None if obj is None else self._owner(obj))

    def has_change_permission(self, request, obj=None) -> bool:
        return has_ability(request.user, self.change_ability, None if obj is None else self._owner(obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return has_ability(request.user, self.change_ability)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = organisation_choices(request.user, self.change_ability)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
