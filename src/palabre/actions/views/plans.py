"""A space's plans, a plan's page with its timeline and filtered actions, writing and approving
it, its document and its export."""

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response
from palabre.workflow.selectors import comments_by_section
from palabre.workflow.views import ReviewCommentView, VersionsView, WorkflowActionView

from ..forms import ActionFilter, PlanFilter, PlanForm
from ..models import PlanKind
from ..selectors import (
    actions_of,
    export_headers,
    export_rows,
    lead_organisations_of,
    plan_document,
    plan_summary,
    plan_timeline,
    plans_visible_to,
    retained_themes_for,
    source_meetings_visible_to,
    themes_of,
)
from ..services import plans as services
from .base import PlanMixin, SpacePlansMixin


class PlanListView(SpacePlansMixin, HtmxPartialMixin, FilterView):
    """The plans of a space this visitor may read, newest period first."""

    filterset_class = PlanFilter
    template_name = "actions/plans/list.html"
    context_object_name = "plans"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return plans_visible_to(self.request.user, self.space)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("actions.add_plan", self.space), **kwargs
        )


class PlanCreateView(SpacePlansMixin, ServiceFormMixin, FormView):
    permission_required = "actions.add_plan"
    form_class = PlanForm
    template_name = "actions/plans/form.html"
    success_message = gettext_lazy("The action plan has been created; add its actions.")

    def get_initial(self):
        year = timezone.localdate().year + 1
        return {
            "kind": PlanKind.SPACE,
            "period_start": f"{year}-01-01",
            "period_end": f"{year}-12-31",
            "title": _("Action plan %(year)s") % {"year": year},
        }

    def save(self, form):
        return services.plan_create(space=self.space, actor=self.request.user, **form.plan_fields())


class PlanDetailView(PlanMixin, HtmxPartialMixin, FilterView):
    """The plan: its facts, summary and timeline, the actions (filtered, paginated), and its
    approval panel."""

    filterset_class = ActionFilter
    template_name = "actions/plans/detail.html"
    context_object_name = "actions"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return actions_of(self.plan)

    def get_filterset_kwargs(self, filterset_class):
        return {
            **super().get_filterset_kwargs(filterset_class),
            "leads": lead_organisations_of(self.plan),
            "themes": themes_of(self.plan),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, plan = self.request.user, self.plan
        context["source_meetings"] = source_meetings_visible_to(user, context["actions"])
        if self.request.htmx:
            return context
        can_edit = user.has_perm("actions.edit_plan", plan)
        filters_used = any(
            self.request.GET.get(name) for name in ("q", "status", "lead", "theme", "late")
        )
        context.update(
            summary=plan_summary(plan),
            timeline=plan_timeline(plan, actions_of(plan)),
            countries=list(plan.countries.all()),
            comments=comments_by_section(plan),
            can_edit=can_edit and plan.is_editable,
            retained_themes=list(retained_themes_for(plan))
            if can_edit and plan.is_editable
            else [],
            filters_used=filters_used,
            formats=FORMATS,
        )
        return context


class PlanEditView(PlanMixin, ServiceFormMixin, FormView):
    permission_required = "actions.edit_plan"
    form_class = PlanForm
    template_name = "actions/plans/form.html"
    success_message = gettext_lazy("The action plan has been saved.")

    def get_initial(self):
        return PlanForm.initial_of(self.plan)

    def save(self, form):
        return services.plan_update(plan=self.plan, actor=self.request.user, **form.plan_fields())


class PlanWorkflowMixin(PlanMixin):
    def get_workflow_object(self):
        return self.plan


class PlanActionView(PlanWorkflowMixin, WorkflowActionView):
    pass


class PlanCommentView(PlanWorkflowMixin, ReviewCommentView):
    pass


class PlanVersionsView(PlanWorkflowMixin, VersionsView):
    permission_required = "actions.view_plan"


class PlanDocumentView(PlanMixin, View):
    """PDF or DOCX: a plan not adopted yet carries a watermark and is not kept; an adopted plan
    is issued and archived, one document per state of its progress."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        plan = self.plan
        return document_response(
            **plan_document(plan),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=not plan.is_adopted,
        )


class PlanExportView(PlanMixin, View):
    """The actions as filtered on the plan's page, every page of them."""

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("Unknown export format."))
        filterset = ActionFilter(
            request.GET,
            queryset=actions_of(self.plan),
            leads=lead_organisations_of(self.plan),
            themes=themes_of(self.plan),
        )
        if not filterset.is_valid():
            return HttpResponseBadRequest(_("Invalid filters."))
        return tabular_response(
            headers=export_headers(),
            rows=export_rows(filterset.qs, request.user),
            filename=f"plan-{self.plan.pk}-actions-{timezone.localdate():%Y-%m-%d}",
            file_format=file_format,
        )


def plan_url(plan, anchor: str = "") -> str:
    return reverse("actions:plan", args=[plan.space.slug, plan.pk]) + anchor
