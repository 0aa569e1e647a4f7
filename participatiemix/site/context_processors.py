"""What every page's header needs to know about the person looking."""

from participatiemix.site.permissions import is_superuser, org_roles


def membership(request) -> dict:
    """`is_member`: staff of some organisation (their header shows "Mijn organisatie"); residents are not. The
    roles are read once per request and cached on the user, so pages that check permissions pay nothing extra."""
    user = getattr(request, "user", None)
    return {"is_member": bool(user is not None and (is_superuser(user) or org_roles(user)))}
