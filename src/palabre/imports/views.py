from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from palabre.core.permissions import PermissionRequiredMixin
from palabre.jobs.services import job_start

from .columns import PEOPLE_COLUMNS
from .forms import ImportFileForm
from .templates_xlsx import template_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PeopleImportView(PermissionRequiredMixin, FormView):
    permission_required = "directory.import_people"
    form_class = ImportFileForm
    template_name = "imports/people_import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=list(PEOPLE_COLUMNS.columns.values()), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        filename = Path(upload.name).name
        job = job_start(
            name="directory.import_people",
            user=self.request.user,
            params={"filename": filename, "dry_run": form.cleaned_data["dry_run"]},
            label=_("Import of people: %(file)s") % {"file": filename[:150]},
            input_file=upload,
        )
        messages.info(self.request, _("The file has been received; here is its import."))
        return redirect(job.get_absolute_url())


class PeopleTemplateView(PermissionRequiredMixin, View):
    permission_required = "directory.import_people"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(template_workbook(PEOPLE_COLUMNS), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="modele-import-personnes.xlsx"'
        return response
