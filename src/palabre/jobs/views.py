from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from palabre.core.permissions import PermissionRequiredMixin

from .filters import JobFilter
from .models import Job
from .selectors import jobs_visible_to
from .services import job_start


class JobListView(PermissionRequiredMixin, FilterView):
    permission_required = "core.view_jobs"
    filterset_class = JobFilter
    template_name = "jobs/job_list.html"
    context_object_name = "jobs"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return jobs_visible_to(self.request.user)


class JobObjectMixin(PermissionRequiredMixin):
    permission_required = "jobs.view_job"

    def get_permission_object(self):
        if not hasattr(self, "job"):
            self.job = get_object_or_404(
                Job.objects.select_related("created_by"), pk=self.kwargs["pk"]
            )
        return self.job


class JobDetailView(JobObjectMixin, DetailView):
    context_object_name = "job"

    def get_object(self, queryset=None):
        return self.get_permission_object()

    def get_template_names(self):
        # HTMX polling asks only for the part of the page that changes.
        if self.request.htmx:
            return ["jobs/job_detail.html#job-status"]
        return ["jobs/job_detail.html"]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The page and its polled fragment share a URL: the back button must not show a fragment.
        patch_vary_headers(response, ["HX-Request"])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result_template"] = result_template_for(self.job)
        return context


def result_template_for(job: Job) -> str | None:
    """An app may show its job's result its own way in templates/jobs/results/<job name>.html."""
    name = f"jobs/results/{job.name}.html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


class JobResultFileView(JobObjectMixin, View):
    def get(self, request, *args, **kwargs):
        if not self.job.result_file:
            raise Http404
        try:
            handle = self.job.result_file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle, as_attachment=True, filename=Path(self.job.result_file.name).name
        )


class SelftestView(PermissionRequiredMixin, View):
    """Lets an administrator check that the workers take jobs, from the jobs page."""

    permission_required = "jobs.run_selftest"

    def post(self, request, *args, **kwargs):
        # A short pause per step lets the administrator watch a worker report progress; run in
        # this process it would only delay the answer.
        delay = 0 if settings.CELERY_TASK_ALWAYS_EAGER else 0.3
        job = job_start(
            name="jobs.selftest",
            user=request.user,
            params={"steps": 10, "delay": delay},
            label=_("Check the workers"),
        )
        messages.success(request, _("Worker check started."))
        return redirect(job)
