"""Incentive tools: the list, a tool's page with its stage, results and record, creating and
editing a tool, changing its stage, adding an activity or an amount, and its one-page pilot
sheet. Its lessons and recommendations live in the knowledge register."""

from functools import cached_property

from django.conf import settings
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.models import CONTENT_TYPES, DocumentFormat
from palabre.documents.services import render_document
from palabre.knowledge.selectors.register import tool_knowledge

from ..forms.tools import (
    ActivityForm,
    AmountForm,
    StageForm,
    ToolFilter,
    ToolForm,
)
from ..selectors.tools import (
    officer_spaces_of,
    stage_options,
    stage_track,
    tool_for,
    tool_page,
    tool_sheet,
    tools_visible_to,
)
from ..services import tools as services
from ..services.stages import change_stage

VIEW_TOOL = "investment.view_tool"
EDIT_TOOL = "investment.edit_tool"


class ToolListView(HtmxPartialMixin, FilterView):
    """The tools this visitor may read, by country then title."""

    filterset_class = ToolFilter
    template_name = "investment/tools/list.html"
    context_object_name = "tools"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return tools_visible_to(self.request.user).order_by("country__name_fr", "title", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("investment.add_tool"), **kwargs
        )


class ToolMixin(PermissionRequiredMixin):
    """A page about one tool: hidden (404) from whoever may not read it."""

    permission_required = VIEW_TOOL

    @cached_property
    def tool(self):
        return tool_for(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.tool

    def get_context_data(self, **kwargs):
        return super().get_context_data(tool=self.tool, **kwargs)


class ToolDetailView(ToolMixin, TemplateView):
    template_name = "investment/tools/detail.html"

    def get_context_data(self, **kwargs):
        tool = self.tool
        user = self.request.user
        context = {
            **tool_page(tool, tool_knowledge(user, tool)),
            "can_capture": user.has_perm("knowledge.add_lesson", tool.space),
            **kwargs,
        }
        if user.has_perm(EDIT_TOOL, tool):
            context.update(
                can_edit=True,
                stage_form=StageForm(tool=tool),
                stage_options=stage_options(tool),
                activity_form=ActivityForm(),
                amount_form=AmountForm(),
            )
        return super().get_context_data(**context)


class ToolCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "investment.add_tool"
    form_class = ToolForm
    template_name = "investment/tools/form.html"
    success_message = gettext_lazy("The tool has been recorded at its first stage: identified.")

    @cached_property
    def spaces(self):
        return officer_spaces_of(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "spaces": self.spaces}

    def get_initial(self):
        spaces = list(self.spaces[:2])
        # With one space only, its country is the sensible start; otherwise "the space's".
        return {"country": spaces[0].country} if len(spaces) == 1 else {}

    def save(self, form):
        return services.tool_create(
            space=form.cleaned_data["space"], actor=self.request.user, **form.tool_fields()
        )


class ToolEditView(ToolMixin, ServiceFormMixin, FormView):
    permission_required = EDIT_TOOL
    form_class = ToolForm
    template_name = "investment/tools/form.html"
    success_message = gettext_lazy("The tool has been saved.")

    def get_initial(self):
        return model_to_dict(self.tool, fields=ToolForm._meta.fields)

    def save(self, form):
        return services.tool_update(tool=self.tool, actor=self.request.user, **form.tool_fields())


class ToolStageView(ToolMixin, ServiceFormMixin, FormView):
    """The stage form on its own page: where a refusal is shown, and where it works without
    the tool's page."""

    permission_required = EDIT_TOOL
    form_class = StageForm
    template_name = "investment/tools/stage.html"
    success_message = gettext_lazy("The tool's stage has been changed.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tool": self.tool}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            track=stage_track(self.tool), stage_options=stage_options(self.tool), **kwargs
        )

    def save(self, form):
        return change_stage(tool=self.tool, actor=self.request.user, **form.cleaned_data)


class ToolRecordView(ToolMixin, ServiceFormMixin, FormView):
    """Adding one line to a tool's record; each subclass names its form, service and anchor."""

    permission_required = EDIT_TOOL
    template_name = "investment/tools/add.html"
    heading = ""
    anchor = ""
    service = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)

    def save(self, form):
        return self.service(tool=self.tool, actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.tool.get_absolute_url() + self.anchor


class ActivityAddView(ToolRecordView):
    form_class = ActivityForm
    service = staticmethod(services.activity_add)
    heading = gettext_lazy("Add a pilot activity")
    anchor = "#activities"
    success_message = gettext_lazy("The activity has been added.")


class AmountAddView(ToolRecordView):
    form_class = AmountForm
    service = staticmethod(services.amount_add)
    heading = gettext_lazy("Add an amount mobilised")
    anchor = "#results"
    success_message = gettext_lazy("The amount has been added.")


class ToolDocumentView(ToolMixin, View):
    """The pilot sheet as PDF or DOCX, rendered from the record as it stands. It is not issued
    into the archive: a tool is not approved through the workflow, and its sheet changes with
    every activity or amount added, so there is no approved version to keep as proof."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        data = render_document(
            **tool_sheet(self.tool, tool_knowledge(request.user, self.tool)), fmt=fmt
        )
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        filename = f"fiche-{slugify(self.tool.title)[:80] or self.tool.pk}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
