"""Views shared by every approvable document. An app subclasses them with its own
`get_workflow_object()`, which finds the document and hides what the user may not see."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from palabre.core.permissions import check_perm

from .models import TRANSITIONS, Action
from .selectors import (
    SECTION_STATUS_LABELS,
    comments_of,
    diff_with_previous,
    history_of,
    revisions_of,
)
from .services import comment_add, comment_resolve, workflow_act


class WorkflowObjectMixin(AccessMixin):
    def get_workflow_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated and request.method == "POST":
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


def _refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class WorkflowActionView(WorkflowObjectMixin, View):
    def post(self, request, *args, **kwargs):
        obj = self.get_workflow_object()
        action = request.POST.get("action", "")
        if action not in TRANSITIONS:
            messages.error(request, _("Unknown action."))
            return redirect(obj.get_absolute_url())
        try:
            workflow_act(
                obj=obj, action=action, actor=request.user, note=request.POST.get("note", "")
            )
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(
                request,
                _("Done: %(action)s. The document is now %(state)s (version %(version)s).")
                % {
                    "action": Action(action).label.lower(),
                    "state": obj.get_workflow_state_display().lower(),
                    "version": obj.version,
                },
            )
        return redirect(obj.get_absolute_url())


class ReviewCommentView(WorkflowObjectMixin, View):
    """Adds a comment to a section, or marks one resolved when the form names it."""

    def post(self, request, *args, **kwargs):
        obj = self.get_workflow_object()
        if request.POST.get("resolve"):
            comment = get_object_or_404(
                comments_of(obj),
                pk=request.POST["resolve"] if request.POST["resolve"].isdigit() else 0,
            )
            comment_resolve(comment=comment, actor=request.user)
            messages.success(request, _("The comment is marked as resolved."))
            return redirect(f"{obj.get_absolute_url()}#section-{comment.section}")
        section = request.POST.get("section", "")
        try:
            comment_add(
                obj=obj, section=section, text=request.POST.get("text", ""), actor=request.user
            )
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Your comment was added."))
        return redirect(f"{obj.get_absolute_url()}#section-{section}")


class VersionsView(WorkflowObjectMixin, TemplateView):
    """The approved versions of a document and the word-by-word difference between two of them."""

    template_name = "workflow/versions.html"
    permission_required = ""

    def get_context_data(self, **kwargs):
        obj = self.get_workflow_object()
        check_perm(self.request.user, self.permission_required, obj)
        try:
            version = int(self.request.GET.get("version", obj.version))
        except ValueError:
            version = obj.version
        previous, diff = diff_with_previous(obj, version)
        return super().get_context_data(
            object=obj,
            revisions=revisions_of(obj),
            history=history_of(obj),
            version=version,
            previous=previous,
            diff=diff,
            status_labels=SECTION_STATUS_LABELS,
            **kwargs,
        )
