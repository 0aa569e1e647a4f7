"""The permission layer (site/permissions.py): abilities per role, scoping, 404 for what is not yours."""

import pytest
from django.http import Http404

from participatiemix.organisations.models import Organisation
from participatiemix.organisations.roles import ROLE_ABILITIES, Ability, Role
from participatiemix.site import permissions


class Owned:
    def __init__(self, org):
        self.organisation_id = org.pk


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_abilities_in_its_own_organisation_only(
    make_user, organisation, other_organisation, role
):
    user = make_user(role, organisation)
    for ability in Ability:
        expected = ability in ROLE_ABILITIES[role]
        assert permissions.has_ability(user, ability, Owned(organisation)) is expected
        assert permissions.has_ability(user, ability, Owned(other_organisation)) is False


def test_residents_anonymous_and_inactive_users_have_no_abilities(make_user, organisation):
    from django.contrib.auth.models import AnonymousUser

    resident = make_user(None, None)
    inactive = make_user(Role.BEHEERDER, organisation, is_active=False)
    for user in (resident, AnonymousUser(), inactive):
        assert not any(permissions.has_ability(user, a) for a in Ability)
        assert not permissions.has_ability(user, Ability.VIEW, Owned(organisation))


def test_superuser_may_do_everything(make_user, organisation):
    admin = make_user(None, None, is_superuser=True)
    assert permissions.has_ability(admin, Ability.MANAGE, Owned(organisation))


def test_scoped_and_get_for_user(make_user, organisation, other_organisation):
    user = make_user(Role.GRIFFIE, organisation)
    qs = Organisation.objects.all()
    assert list(permissions.scoped(qs, user, Ability.VIEW, field=None)) == [organisation]
    assert permissions.get_for_user_or_404(qs, user, Ability.VIEW, pk=organisation.pk) == organisation
    for lookup in ({"pk": other_organisation.pk}, {"pk": 10**30}, {"pk": "x"}, {"pk": 0}):
        with pytest.raises(Http404):
            permissions.get_for_user_or_404(qs, user, Ability.VIEW, **lookup)
    with pytest.raises(Http404):
        permissions.get_for_user_or_404(qs, user, Ability.EDIT, pk=organisation.pk)


def test_rules_permissions_agree_with_the_layer(make_user, organisation, other_organisation):
    user = make_user(Role.BEHEERDER, organisation)
    assert user.has_perm("organisations.manage_organisation", Owned(organisation))
    assert not user.has_perm("organisations.manage_organisation", Owned(other_organisation))
