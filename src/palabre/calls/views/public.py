"""The public pages of calls (the list, a call's page, its terms of reference, the feeds) and
the secretariat's pages that prepare and publish a call."""

import os
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin, add_service_errors
from palabre.core.permissions import PermissionRequiredMixin
from palabre.spaces.models import Space
from palabre.spaces.selectors import space_for

from ..forms.public import CallFilter, CallForm, CriterionForm, DocumentForm, TransitionForm
from ..models import CallStatus
from ..selectors.public import (
    call_for,
    call_grid_of,
    calls_visible_to,
    deadline_of,
    open_calls,
    secretariat_spaces_of,
)
from ..services import calls as services
from ..services.states import TRANSITIONS, call_transition, missing_for
from ..services.submissions import deadline_text


class CallListView(HtmxPartialMixin, FilterView):
    """The calls this visitor may read, the nearest deadline first."""

    filterset_class = CallFilter
    template_name = "calls/public/list.html"
    context_object_name = "calls"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return calls_visible_to(self.request.user).order_by("-closes_at", "-pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(
            can_add=user.is_authenticated and secretariat_spaces_of(user).exists(),
            now=timezone.now(),
            **kwargs,
        )
        for call in context["calls"]:
            call.deadline = deadline_text(call)  # as the call states it, in its own time zone
        return context


class CallMixin(PermissionRequiredMixin):
    """A page about one call: hidden (404) from whoever may not read it."""

    permission_required = "calls.view_call"

    @cached_property
    def call(self):
        return call_for(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.call

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, **kwargs)


class CallDetailView(CallMixin, TemplateView):
    template_name = "calls/public/detail.html"

    def get_context_data(self, **kwargs):
        call, user = self.call, self.request.user
        return super().get_context_data(
            **call_grid_of(call),
            deadline=deadline_of(call, user),
            is_open=call.is_open(),
            now=timezone.now(),
            can_manage=user.has_perm("calls.manage_call", call),
            **kwargs,
        )


class CallTermsView(CallMixin, View):
    """The terms of reference as the file the secretariat attached."""

    def get(self, request, *args, **kwargs):
        terms = self.call.terms_file
        if not terms:
            raise Http404
        try:
            handle = terms.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(terms.name))


class CallCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """A new call, in draft, for the space of `?espace=<slug>` or one the user chooses among
    those whose secretariat they are."""

    permission_required = "calls.add_call"
    form_class = CallForm
    template_name = "calls/public/form.html"
    success_message = gettext_lazy("The call has been created as a draft; now set its grid.")

    @cached_property
    def spaces(self):
        slug = self.request.GET.get("espace")
        if slug:
            return Space.objects.filter(pk=space_for(self.request.user, slug).pk)
        return secretariat_spaces_of(self.request.user)

    def get_permission_object(self):
        return self.spaces.first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "spaces": self.spaces}

    def save(self, form):
        return services.call_create(
            space=form.cleaned_data["space"], actor=self.request.user, **form.call_fields()
        )

    def get_success_url(self):
        return reverse("calls:call_grid", args=[self.object.pk])


class CallEditView(CallMixin, ServiceFormMixin, FormView):
    permission_required = "calls.manage_call"
    form_class = CallForm
    template_name = "calls/public/form.html"
    success_message = gettext_lazy("The call has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.call}

    def save(self, form):
        return services.call_update(call=self.call, actor=self.request.user, **form.call_fields())


class CallGridView(CallMixin, View):
    """The criteria and the required documents, one small form per row; the weights' running
    total and what the grid still lacks are shown beside them."""

    permission_required = "calls.manage_call"
    template_name = "calls/public/grid.html"
    KINDS = {
        "criterion": (
            CriterionForm,
            "criteria",
            services.criterion_save,
            services.criterion_delete,
        ),
        "document": (
            DocumentForm,
            "required_documents",
            services.document_save,
            services.document_delete,
        ),
    }

    def render(self, bound=None):
        """`bound`: (kind, pk or None, form) of a refused form, shown in place of its row."""
        call = self.call
        grid = call_grid_of(call)
        items = {"criterion": [c for c, _total in grid["criteria"]], "document": grid["documents"]}
        forms = {}
        for kind, rows in items.items():
            form_class = self.KINDS[kind][0]
            forms[kind] = {
                item.pk: form_class(instance=item, prefix=f"{kind}-{item.pk}") for item in rows
            }
            forms[kind][None] = form_class(prefix=f"{kind}-new")
        if bound is not None:
            kind, pk, form = bound
            forms[kind][pk] = form
        context = {
            "call": call,
            "weight_total": grid["weight_total"],
            "criterion_rows": [
                (c, total, forms["criterion"][c.pk]) for c, total in grid["criteria"]
            ],
            "document_rows": [(d, forms["document"][d.pk]) for d in grid["documents"]],
            "new_criterion": forms["criterion"][None],
            "new_document": forms["document"][None],
            "problems": missing_for(call, CallStatus.PUBLISHED),
            "is_draft": call.status == CallStatus.DRAFT,
        }
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render()

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("kind")
        if kind not in self.KINDS:
            raise Http404
        form_class, related, save, delete = self.KINDS[kind]
        pk = request.POST.get("pk", "")
        if pk and not pk.isdigit():
            raise Http404
        item = get_object_or_404(getattr(self.call, related), pk=pk) if pk else None
        if item is not None and "delete" in request.POST:
            try:
                delete(**{kind: item, "actor": request.user})
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("“%(item)s” has been removed.") % {"item": item})
            return redirect("calls:call_grid", pk=self.call.pk)
        prefix = f"{kind}-{item.pk}" if item else f"{kind}-new"
        form = form_class(request.POST, instance=item, prefix=prefix)
        if form.is_valid():
            try:
                save(call=self.call, actor=request.user, **{kind: item}, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The grid has been saved."))
                return redirect("calls:call_grid", pk=self.call.pk)
        return self.render(bound=(kind, item.pk if item else None, form))


class CallTransitionView(CallMixin, ServiceFormMixin, FormView):
    """The next step of the call, with what it still lacks as a checklist before trying."""

    permission_required = "calls.manage_call"
    form_class = TransitionForm
    template_name = "calls/public/transition.html"
    success_message = gettext_lazy("The call has moved to its next step.")

    @cached_property
    def next_status(self):
        allowed = {value for value, _label in TransitionForm.base_fields["status"].choices}
        ahead = [s for s in TRANSITIONS[CallStatus(self.call.status)] if s in allowed]
        return ahead[0] if ahead else None

    def get_initial(self):
        return {"status": self.next_status}

    def get_context_data(self, **kwargs):
        status = self.next_status
        return super().get_context_data(
            next_status=status and CallStatus(status),
            missing=missing_for(self.call, status) if status else [],
            deadline=deadline_text(self.call),
            **kwargs,
        )

    def save(self, form):
        return call_transition(
            call=self.call, status=form.cleaned_data["status"], actor=self.request.user
        )


class OpenCallsFeed(Feed):
    """Open calls of public spaces, for feed readers and partner sites (Atom)."""

    feed_type = Atom1Feed
    link = reverse_lazy("calls:call_list")
    title = gettext_lazy("Open calls")
    subtitle = gettext_lazy("Calls for expertise and for projects open now.")
    description = subtitle

    def items(self):
        return open_calls()[:50]

    def item_title(self, call):
        return f"{call.reference} — {call.title}"

    def item_description(self, call):
        return _("%(kind)s of %(space)s. Deadline: %(deadline)s.") % {
            "kind": call.get_kind_display(),
            "space": call.space.name,
            "deadline": deadline_text(call),
        }

    def item_pubdate(self, call):
        return call.opens_at

    def item_updateddate(self, call):
        return call.opens_at

    def item_author_name(self, call):
        return call.space.name


class OpenCallsRssFeed(OpenCallsFeed):
    feed_type = Rss201rev2Feed
