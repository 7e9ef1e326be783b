import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin, add_service_errors
from palabre.core.permissions import PermissionRequiredMixin

from . import services
from .filters import MemberFilter, SpaceFilter
from .forms import (
    CollegeForm,
    MembershipAddForm,
    MembershipEndForm,
    MembershipSearchForm,
    RoleChangeForm,
    SpaceForm,
)
from .models import Membership, Role
from .selectors import (
    colleges_with_counts,
    current_members,
    officers_of,
    space_for,
    spaces_visible_to,
)


class SpaceMixin(PermissionRequiredMixin):
    """The space named in the address. A space the user may not see is a 404 for everyone,
    anonymous visitors included, so that the existence of a members-only space is not disclosed."""

    def get_permission_object(self):
        if not hasattr(self, "space"):
            self.space = space_for(self.request.user, self.kwargs["slug"])
        return self.space

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            space=self.space,
            can_view_members=user.has_perm("spaces.view_members_area", self.space),
            can_manage_members=user.has_perm("spaces.manage_members", self.space),
            can_change_space=user.has_perm("spaces.change_space", self.space),
            can_manage_colleges=user.has_perm("spaces.manage_colleges", self.space),
        )
        return context


class SpaceListView(HtmxPartialMixin, FilterView):
    filterset_class = SpaceFilter
    template_name = "spaces/space_list.html"
    context_object_name = "spaces"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return spaces_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add_space"] = self.request.user.has_perm("spaces.add_space")
        return context


class SpaceDetailView(SpaceMixin, TemplateView):
    permission_required = "spaces.view_space"
    template_name = "spaces/space_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = spaces_visible_to(self.request.user)
        context.update(
            parent=visible.filter(pk=self.space.parent_id).first(),
            children=visible.filter(parent=self.space),
            colleges=colleges_with_counts(self.space),
            officers=officers_of(self.space),
        )
        return context


class MemberListView(SpaceMixin, HtmxPartialMixin, FilterView):
    permission_required = "spaces.view_members_area"
    filterset_class = MemberFilter
    template_name = "spaces/member_list.html"
    context_object_name = "memberships"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return current_members(self.space)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "space": self.space}


class ManageMembersView(SpaceMixin, TemplateView):
    permission_required = "spaces.manage_members"
    template_name = "spaces/manage_members.html"

    def search(self) -> str:
        form = MembershipSearchForm(self.request.GET)
        return form.cleaned_data["q"] if form.is_valid() else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(current_members(self.space), settings.PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            search_form=MembershipSearchForm(self.request.GET),
            form=kwargs.get("form") or MembershipAddForm(space=self.space, search=self.search()),
            page_obj=page,
            memberships=page.object_list,
            role_choices=Role.choices,
            end_form=MembershipEndForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = MembershipAddForm(request.POST, space=self.space, search=self.search())
        if form.is_valid():
            try:
                membership = services.membership_add(
                    actor=request.user, space=self.space, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("%(person)s is now a member.") % {"person": membership.person}
                )
                return redirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(form=form))


class MembershipActionView(SpaceMixin, View):
    """A POST on one membership from the management page; the outcome comes back as a message."""

    permission_required = "spaces.manage_members"
    http_method_names = ["post"]
    form_class: type = None

    def perform(self, membership: Membership, data: dict) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(
            Membership.objects.select_related("person"), pk=kwargs["pk"], space=self.space
        )
        form = self.form_class(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            messages.success(request, self.perform(membership, form.cleaned_data))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("spaces:manage_members", args=[self.space.slug]))


class MembershipChangeRoleView(MembershipActionView):
    form_class = RoleChangeForm

    def perform(self, membership, data):
        membership = services.membership_change_role(
            actor=self.request.user, membership=membership, role=data["role"]
        )
        return _("%(person)s is now %(role)s.") % {
            "person": membership.person,
            "role": membership.get_role_display(),
        }


class MembershipEndView(MembershipActionView):
    form_class = MembershipEndForm

    def perform(self, membership, data):
        services.membership_end(
            actor=self.request.user, membership=membership, end_date=data["end_date"]
        )
        return _("The membership of %(person)s ends on %(date)s.") % {
            "person": membership.person,
            "date": data["end_date"],
        }


class SpaceCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "spaces.add_space"
    form_class = SpaceForm
    template_name = "spaces/space_form.html"

    success_message = gettext_lazy("The space has been created.")

    def save(self, form):
        return services.space_create(actor=self.request.user, **form.cleaned_data)


class SpaceUpdateView(SpaceMixin, ServiceFormMixin, FormView):
    permission_required = "spaces.change_space"
    form_class = SpaceForm
    template_name = "spaces/space_form.html"

    success_message = gettext_lazy("The space has been updated.")

    def get_form_kwargs(self):
        # The form works on a copy so that the audit compares against the stored values.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.space)}

    def save(self, form):
        return services.space_update(actor=self.request.user, space=self.space, **form.cleaned_data)


class CollegeFormView(SpaceMixin, ServiceFormMixin, FormView):
    permission_required = "spaces.manage_colleges"
    form_class = CollegeForm
    template_name = "spaces/college_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}

    def get_success_url(self):
        return self.space.get_absolute_url()


class CollegeCreateView(CollegeFormView):
    success_message = gettext_lazy("The college has been created.")

    def save(self, form):
        return services.college_create(
            actor=self.request.user, space=self.space, **form.cleaned_data
        )


class CollegeUpdateView(CollegeFormView):
    success_message = gettext_lazy("The college has been updated.")

    def get_college(self):
        if not hasattr(self, "college"):
            self.college = get_object_or_404(self.space.colleges, pk=self.kwargs["pk"])
        return self.college

    def get_form_kwargs(self):
        # A copy, as for the space: the audit compares the form's values with the stored ones.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.get_college())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(college=self.get_college(), **kwargs)

    def save(self, form):
        return services.college_update(
            actor=self.request.user, college=self.get_college(), **form.cleaned_data
        )
