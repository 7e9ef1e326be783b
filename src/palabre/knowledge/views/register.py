"""The register of a space: the list of lessons or recommendations (filtered, paginated, exported),
an entry's page, writing an entry, following a recommendation up, and capturing in one step from
the minutes or from a tool's pilot analysis."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin, add_service_errors
from palabre.core.permissions import PermissionRequiredMixin
from palabre.investment.selectors.tools import tool_for
from palabre.meetings.models import Minutes
from palabre.spaces.mixins import SpacePageMixin

from ..forms.register import (
    CaptureMinutesForm,
    CaptureToolForm,
    FollowUpForm,
    LessonFilter,
    LessonForm,
    RecommendationFilter,
    RecommendationForm,
)
from ..selectors.register import (
    follow_up_of,
    lesson_for,
    lessons_visible_to,
    minutes_recommendations,
    recommendation_for,
    recommendations_visible_to,
    uses_of,
)
from ..services import register as services

KINDS = {
    "lessons": (lessons_visible_to, LessonFilter),
    "recommendations": (recommendations_visible_to, RecommendationFilter),
}


class RegisterEntriesMixin(SpacePageMixin):
    """Lessons or recommendations (`?kind=`) of the space this visitor may read, filtered."""

    permission_required = "knowledge.view_register"

    @cached_property
    def kind(self) -> str:
        kind = self.request.GET.get("kind", "lessons")
        return kind if kind in KINDS else "lessons"

    def get_filterset_class(self):
        return KINDS[self.kind][1]

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "space": self.space}

    def get_queryset(self):
        return KINDS[self.kind][0](self.request.user, self.space)


class RegisterView(RegisterEntriesMixin, HtmxPartialMixin, FilterView):
    template_name = "knowledge/register/list.html"
    context_object_name = "entries"
    paginate_by = settings.PAGE_SIZE

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            kind=self.kind,
            can_add_lesson=user.has_perm("knowledge.add_lesson", self.space),
            can_add_recommendation=user.has_perm("knowledge.add_recommendation", self.space),
            formats=FORMATS,
            **kwargs,
        )


class RegisterExportView(RegisterEntriesMixin, FilterView):
    """The register as filtered, as a spreadsheet: one row per entry, its links as text."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in FORMATS:
            raise Http404
        filterset = self.get_filterset(self.get_filterset_class())
        entries = filterset.qs if filterset.is_valid() else self.get_queryset()
        headers, rows = _table(self.kind, entries)
        return tabular_response(
            headers=headers,
            rows=rows,
            filename=f"{self.kind}-{self.space.slug}",
            file_format=fmt,
        )


def _names(items) -> str:
    return " | ".join(str(item) for item in items)


def _table(kind: str, entries):
    common = [_("Title"), _("Statement"), _("Tags"), _("Meetings"), _("Incentive tools")]
    if kind == "lessons":
        headers = [*common, _("Context"), _("Learned on"), _("Recommendations")]
        rows = (
            [
                e.title,
                e.statement,
                _names(e.tags.all()),
                _names(e.meetings.all()),
                _names(e.tools.all()),
                e.context,
                e.learned_on.isoformat(),
                _names(e.recommendations.all()),
            ]
            for e in entries
        )
    else:
        headers = [*common, _("Addressed to"), _("Priority"), _("Follow-up"), _("Expected by")]
        rows = (
            [
                e.title,
                e.statement,
                _names(e.tags.all()),
                _names(e.meetings.all()),
                _names(e.tools.all()),
                e.addressed_to,
                e.get_priority_display(),
                e.get_status_display(),
                e.due_date.isoformat() if e.due_date else "",
            ]
            for e in entries
        )
    return headers, rows


# --- an entry ------------------------------------------------------------------------------------


class EntryMixin(PermissionRequiredMixin):
    permission_required = "knowledge.view"
    finder = None

    @cached_property
    def entry(self):
        return type(self).finder(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.entry.space

    def get_permission_object(self):
        return self.entry

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, space=self.space, **kwargs)


class LessonMixin(EntryMixin):
    finder = staticmethod(lesson_for)


class RecommendationMixin(EntryMixin):
    finder = staticmethod(recommendation_for)


class LessonView(LessonMixin, TemplateView):
    template_name = "knowledge/register/lesson.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_edit=self.request.user.has_perm("knowledge.edit_entry", self.entry),
            uses=uses_of(self.request.user, self.entry),
            **kwargs,
        )


class RecommendationView(RecommendationMixin, TemplateView):
    template_name = "knowledge/register/recommendation.html"

    def get_context_data(self, **kwargs):
        user, entry = self.request.user, self.entry
        context = {
            "updates": list(follow_up_of(entry)),
            "can_edit": user.has_perm("knowledge.edit_entry", entry),
            "uses": uses_of(user, entry),
        }
        if user.has_perm("knowledge.follow_up", entry):
            context["follow_up_form"] = FollowUpForm(
                recommendation=entry, initial={"date": timezone.localdate()}
            )
        return super().get_context_data(**context, **kwargs)


class FollowUpView(RecommendationMixin, ServiceFormMixin, FormView):
    permission_required = "knowledge.follow_up"
    form_class = FollowUpForm
    template_name = "knowledge/register/follow_up.html"
    success_message = gettext_lazy("The follow-up update has been recorded.")

    def get_initial(self):
        return {"date": timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "recommendation": self.entry}

    def save(self, form):
        services.follow_up(recommendation=self.entry, actor=self.request.user, **form.cleaned_data)
        return self.entry

    def get_success_url(self):
        return self.entry.get_absolute_url() + "#follow-up"


# --- writing an entry ----------------------------------------------------------------------------


class EntryFormMixin(ServiceFormMixin):
    template_name = "knowledge/register/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}


class LessonCreateView(SpacePageMixin, EntryFormMixin, FormView):
    permission_required = "knowledge.add_lesson"
    form_class = LessonForm
    success_message = gettext_lazy("The lesson has been added to the register.")

    def save(self, form):
        return services.lesson_create(
            space=self.space, actor=self.request.user, **form.service_fields()
        )


class LessonEditView(LessonMixin, EntryFormMixin, FormView):
    permission_required = "knowledge.edit_entry"
    form_class = LessonForm
    success_message = gettext_lazy("The lesson has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.entry}

    def save(self, form):
        return services.lesson_update(
            lesson=self.entry, actor=self.request.user, **form.service_fields()
        )


class RecommendationCreateView(SpacePageMixin, EntryFormMixin, FormView):
    permission_required = "knowledge.add_recommendation"
    form_class = RecommendationForm
    success_message = gettext_lazy("The recommendation has been added to the register.")

    def save(self, form):
        return services.recommendation_create(
            space=self.space, actor=self.request.user, **form.service_fields()
        )


class RecommendationEditView(RecommendationMixin, EntryFormMixin, FormView):
    permission_required = "knowledge.edit_entry"
    form_class = RecommendationForm
    success_message = gettext_lazy("The recommendation has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.entry}

    def save(self, form):
        return services.recommendation_update(
            recommendation=self.entry, actor=self.request.user, **form.service_fields()
        )


# --- capturing in one step -----------------------------------------------------------------------


class CaptureMinutesView(SpacePageMixin, FormView):
    """The recommendations of approved minutes, to tick, and a lesson to write alongside."""

    permission_required = "knowledge.add_recommendation"
    form_class = CaptureMinutesForm
    template_name = "knowledge/register/capture_minutes.html"

    @cached_property
    def minutes(self):
        return get_object_or_404(
            Minutes.objects.select_related("meeting__space"),
            pk=self.kwargs["minutes_pk"],
            meeting__space=self.space,
        )

    def get_form_kwargs(self):
        outcomes = minutes_recommendations(self.minutes).filter(
            knowledge_recommendation__isnull=True
        )
        return {**super().get_form_kwargs(), "outcomes": outcomes}

    def get_initial(self):
        return {"visibility": self.minutes.visibility}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            minutes=self.minutes,
            meeting=self.minutes.meeting,
            recommendations=list(minutes_recommendations(self.minutes)),
            capturable=services.minutes_capturable(self.minutes),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            lesson, recommendations = services.capture_from_minutes(
                minutes=self.minutes,
                actor=self.request.user,
                outcomes=data["outcomes"],
                lesson=form.lesson(),
                visibility=data["visibility"],
                tags=data["tags"],
                addressee=data["addressee"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Added to the register: %(lessons)s lesson, %(count)s recommendations.")
            % {"lessons": 1 if lesson else 0, "count": len(recommendations)},
        )
        target = lesson or recommendations[0]
        return redirect(target.get_absolute_url())


class CaptureToolView(SpacePageMixin, ServiceFormMixin, FormView):
    """A lesson and a recommendation drawn from a tool's pilot analysis, both linked to it."""

    permission_required = "knowledge.add_lesson"
    form_class = CaptureToolForm
    template_name = "knowledge/register/capture_tool.html"
    success_message = gettext_lazy(
        "The lesson and the recommendation have been added to the register."
    )

    @cached_property
    def tool(self):
        tool = tool_for(self.request.user, self.kwargs["tool_pk"])
        if tool.space_id != self.space.pk:
            raise Http404
        return tool

    def get_initial(self):
        return {"context": self.tool.analysis}

    def get_context_data(self, **kwargs):
        return super().get_context_data(tool=self.tool, **kwargs)

    def save(self, form):
        lesson, _recommendation = services.capture_from_tool(
            tool=self.tool, actor=self.request.user, **form.parts()
        )
        return lesson

    def get_success_url(self):
        return self.tool.get_absolute_url() + "#learnings"
