"""The themes of a space: list, proposal, page with supports and comment threads, moderation,
status changes. Hidden spaces are a 404, like everywhere else."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin, add_service_errors
from palabre.core.permissions import PermissionRequiredMixin
from palabre.spaces.mixins import SpacePageMixin

from ..forms.themes import (
    AXES_LIST_ID,
    CommentEditForm,
    CommentForm,
    CommentHideForm,
    ThemeFilter,
    ThemeForm,
    ThemeStatusForm,
)
from ..models import ThemeComment, ThemeStatus
from ..rules.themes import COMMENT_EDIT_WINDOW
from ..selectors_themes import axes_of, comment_of, comment_threads, theme_for, themes_of
from ..services import themes as services


class ThemeSpaceMixin(SpacePageMixin):
    """Pages about a space's themes: the space is a 404 to those who may not see it."""

    permission_required = "deliberation.view_themes"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_propose=self.request.user.has_perm("deliberation.propose_theme", self.space),
            **kwargs,
        )


class ThemeMixin(PermissionRequiredMixin):
    permission_required = "deliberation.view_themes"

    @cached_property
    def theme(self):
        return theme_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.theme.space

    def get_permission_object(self):
        return self.theme

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            theme=self.theme,
            space=self.space,
            # Names are personal data: members see who wrote what, visitors do not.
            show_names=self.request.user.has_perm("spaces.view_members_area", self.space),
            **kwargs,
        )

    def theme_url(self, anchor: str = "") -> str:
        return self.theme.get_absolute_url() + anchor


class CommentMixin(ThemeMixin):
    @cached_property
    def comment(self) -> ThemeComment:
        return comment_of(self.theme, self.kwargs["comment"])

    def get_permission_object(self):
        return self.comment

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, **kwargs)

    def get_success_url(self) -> str:
        return self.theme_url(f"#comment-{self.comment.pk}")


class ThemeListView(ThemeSpaceMixin, HtmxPartialMixin, FilterView):
    filterset_class = ThemeFilter
    template_name = "deliberation/themes/list.html"
    context_object_name = "themes"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return themes_of(self.space, self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "axes": axes_of(self.space)}

    def get_context_data(self, **kwargs):
        used = any(self.request.GET.get(name) for name in ("axis", "sector"))
        return super().get_context_data(
            more_filters_used=used,
            can_support=self.request.user.has_perm("deliberation.support_theme", self.space),
            **kwargs,
        )


class ThemeFormMixin(ServiceFormMixin):
    form_class = ThemeForm
    template_name = "deliberation/themes/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            axes=axes_of(self.space), axes_list_id=AXES_LIST_ID, **kwargs
        )


class ThemeCreateView(ThemeSpaceMixin, ThemeFormMixin, FormView):
    permission_required = "deliberation.propose_theme"
    success_message = _("Your theme has been proposed.")

    def save(self, form):
        return services.theme_propose(
            space=self.space, actor=self.request.user, **form.theme_fields()
        )


class ThemeUpdateView(ThemeMixin, ThemeFormMixin, FormView):
    permission_required = "deliberation.edit_theme"
    success_message = _("The theme has been updated.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "theme": self.theme}

    def save(self, form):
        return services.theme_update(
            theme=self.theme, actor=self.request.user, **form.theme_fields()
        )


class ThemeDetailView(ThemeMixin, TemplateView):
    template_name = "deliberation/themes/detail.html"

    def get_context_data(self, **kwargs):
        user, theme = self.request.user, self.theme
        kwargs.setdefault("comment_form", CommentForm())
        return super().get_context_data(
            threads=comment_threads(theme),
            can_edit=user.has_perm("deliberation.edit_theme", theme),
            can_manage=user.has_perm("deliberation.manage_themes", theme),
            can_support=user.has_perm("deliberation.support_theme", theme)
            and theme.status in services.OPEN_TO_SUPPORT,
            can_comment=user.has_perm("deliberation.comment_theme", theme),
            can_moderate=user.has_perm("deliberation.moderate_comments", theme),
            can_promote=user.has_perm("actions.promote", theme.space)
            and theme.status in (ThemeStatus.RETAINED, ThemeStatus.IN_PLAN),
            plan_actions=[
                action
                for action in theme.actions.select_related("plan__space").order_by("plan", "number")
                if user.has_perm("actions.view_plan", action.plan)
            ],
            edit_minutes=int(COMMENT_EDIT_WINDOW.total_seconds() // 60),
            **kwargs,
        )


class ThemeSupportView(ThemeMixin, View):
    """One tap: support or withdraw. HTMX gets the button back; without it, the page reloads."""

    permission_required = "deliberation.support_theme"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wanted = request.POST.get("support") != "0"
        error = ""
        try:
            if wanted:
                services.theme_support(theme=self.theme, actor=request.user)
            else:
                services.theme_unsupport(theme=self.theme, actor=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        if request.htmx:
            theme = theme_for(request.user, self.kwargs["slug"], self.kwargs["pk"])
            context = {"theme": theme, "space": theme.space, "can_support": True, "error": error}
            if request.POST.get("card"):
                context["card"] = True
            return TemplateResponse(request, "deliberation/themes/_support.html", context)
        if error:
            messages.error(request, error)
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect(self.theme_url())


class ThemeCommentView(ThemeDetailView):
    """A new comment or reply; a refused one comes back on the page with what was typed."""

    permission_required = "deliberation.comment_theme"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"]:
                parent = ThemeComment.objects.filter(
                    theme=self.theme, pk=form.cleaned_data["parent"]
                ).first()
            try:
                comment = services.theme_comment_add(
                    theme=self.theme,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    parent=parent,
                )
            except ValidationError as refusal:
                add_service_errors(form, refusal)
            else:
                messages.success(request, _("Your comment has been published."))
                return redirect(self.theme_url(f"#comment-{comment.pk}"))
        return self.render_to_response(self.get_context_data(comment_form=form), status=200)


class CommentEditView(CommentMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.edit_comment"
    form_class = CommentEditForm
    template_name = "deliberation/themes/comment_edit.html"
    success_message = _("Your comment has been corrected.")

    def get_initial(self):
        return {"text": self.comment.text}

    def get_context_data(self, **kwargs):
        minutes = int(COMMENT_EDIT_WINDOW.total_seconds() // 60)
        return super().get_context_data(edit_minutes=minutes, **kwargs)

    def save(self, form):
        return services.theme_comment_edit(
            comment=self.comment, actor=self.request.user, text=form.cleaned_data["text"]
        )


class CommentHideView(CommentMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.moderate_comments"
    form_class = CommentHideForm
    template_name = "deliberation/themes/comment_hide.html"
    success_message = _("The comment is hidden; its reason is shown in its place.")

    def save(self, form):
        return services.theme_comment_hide(
            comment=self.comment, actor=self.request.user, reason=form.cleaned_data["reason"]
        )


class CommentUnhideView(CommentMixin, View):
    permission_required = "deliberation.moderate_comments"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.theme_comment_unhide(comment=self.comment, actor=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The comment is shown again."))
        return redirect(self.get_success_url())


class ThemeStatusView(ThemeMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.manage_themes"
    form_class = ThemeStatusForm
    template_name = "deliberation/themes/status.html"
    success_message = _("The status has been changed; the proposer and supporters are told.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "theme": self.theme}

    def save(self, form):
        return services.theme_set_status(
            theme=self.theme,
            actor=self.request.user,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
