"""The public catalogue of opportunities, an opportunity's page, publishing and editing one,
its status and its documents."""

import os
from functools import cached_property

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.spaces.models import Space

from ..forms.opportunities import (
    DocumentForm,
    OpportunityCreateForm,
    OpportunityFilter,
    OpportunityForm,
    StatusForm,
)
from ..selectors.opportunities import (
    catalogue_regions,
    catalogue_sectors,
    opportunities_visible_to,
    opportunity_for,
    regions_to_publish_in,
    spaces_to_publish_for,
    status_history,
)
from ..services import opportunities as services


class OpportunityListView(HtmxPartialMixin, FilterView):
    """The catalogue: every opportunity this visitor may read, open ones first by default."""

    filterset_class = OpportunityFilter
    template_name = "investment/opportunities/list.html"
    context_object_name = "opportunities"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return opportunities_visible_to(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        user = self.request.user
        return {
            **super().get_filterset_kwargs(filterset_class),
            "regions": catalogue_regions(user),
            "sectors": catalogue_sectors(user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("investment.add_opportunity"), **kwargs
        )


class OpportunityMixin(PermissionRequiredMixin):
    """Pages about one opportunity: 404 to whoever may not know it exists."""

    permission_required = "investment.view_opportunity"

    @cached_property
    def opportunity(self):
        return opportunity_for(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.opportunity

    def get_context_data(self, **kwargs):
        return super().get_context_data(opportunity=self.opportunity, **kwargs)


class OpportunityDetailView(OpportunityMixin, TemplateView):
    template_name = "investment/opportunities/detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_edit=self.request.user.has_perm("investment.edit_opportunity", self.opportunity),
            **kwargs,
        )


class OpportunityFormMixin(ServiceFormMixin):
    template_name = "investment/opportunities/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regions": regions_to_publish_in(self.spaces)}


class OpportunityCreateView(PermissionRequiredMixin, OpportunityFormMixin, FormView):
    permission_required = "investment.add_opportunity"
    form_class = OpportunityCreateForm
    success_message = gettext_lazy("The opportunity has been saved.")

    @cached_property
    def spaces(self):
        return spaces_to_publish_for(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "spaces": self.spaces}

    def save(self, form):
        return services.opportunity_create(
            space=form.cleaned_data["space"],
            actor=self.request.user,
            **form.opportunity_fields(),
        )


class OpportunityEditView(OpportunityMixin, OpportunityFormMixin, FormView):
    permission_required = "investment.edit_opportunity"
    form_class = OpportunityForm
    success_message = gettext_lazy("The opportunity has been saved.")

    @property
    def spaces(self):
        return Space.objects.filter(pk=self.opportunity.space_id)

    def get_initial(self):
        return OpportunityForm.initial_of(self.opportunity)

    def save(self, form):
        return services.opportunity_update(
            opportunity=self.opportunity, actor=self.request.user, **form.opportunity_fields()
        )


class OpportunityStatusView(OpportunityMixin, ServiceFormMixin, FormView):
    permission_required = "investment.edit_opportunity"
    form_class = StatusForm
    template_name = "investment/opportunities/status.html"
    success_message = gettext_lazy("The status has been changed.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": self.opportunity.status}

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=status_history(self.opportunity), **kwargs)

    def save(self, form):
        return services.opportunity_change_status(
            opportunity=self.opportunity, actor=self.request.user, **form.cleaned_data
        )


class DocumentAddView(OpportunityMixin, ServiceFormMixin, FormView):
    permission_required = "investment.edit_opportunity"
    form_class = DocumentForm
    template_name = "investment/opportunities/document_form.html"
    success_message = gettext_lazy("The document has been added.")

    def save(self, form):
        services.opportunity_document_add(
            opportunity=self.opportunity, actor=self.request.user, **form.cleaned_data
        )
        return self.opportunity

    def get_success_url(self):
        return self.opportunity.get_absolute_url() + "#documents"


class DocumentView(OpportunityMixin, View):
    """A document, to whoever may read the opportunity."""

    def get(self, request, *args, **kwargs):
        document = get_object_or_404(self.opportunity.documents, pk=kwargs["document_pk"])
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle, as_attachment=True, filename=os.path.basename(document.file.name)
        )
