"""What every page about something of a space starts with."""

from functools import cached_property

from palabre.core.permissions import PermissionRequiredMixin

from .selectors import space_for


class SpacePageMixin(PermissionRequiredMixin):
    """The space named in the address, a 404 to whoever may not see it (its existence is not
    disclosed); the page's own permission is then checked against the space."""

    permission_required = "spaces.view_space"

    @cached_property
    def space(self):
        return space_for(self.request.user, self.kwargs["slug"])

    def get_permission_object(self):
        return self.space

    def get_context_data(self, **kwargs):
        return super().get_context_data(space=self.space, **kwargs)
