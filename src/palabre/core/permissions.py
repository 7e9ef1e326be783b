"""The one way views check permissions: a `rules` permission name, declared in each app's rules.py.

Anonymous visitors are sent to the login page; a signed-in user without the permission gets 403.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied


class PermissionRequiredMixin(AccessMixin):
    permission_required: str = ""

    def get_permission_object(self):
        """The object the rule is checked against; None for app-wide permissions."""
        return None

    def dispatch(self, request, *args, **kwargs):
        self.request, self.args, self.kwargs = request, args, kwargs
        if not request.user.has_perm(self.permission_required, self.get_permission_object()):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


def check_perm(user, permission: str, obj=None) -> None:
    """For function views and services: raise 403 unless the rule allows it."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
