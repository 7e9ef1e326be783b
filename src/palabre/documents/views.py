from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views import View
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin
from palabre.core.permissions import PermissionRequiredMixin

from .filters import IssuedDocumentFilter
from .forms import VerifyForm
from .models import IssuedDocument
from .selectors import document_with_checksum, documents_visible_to
from .services import archived_file_response


class VerifyView(View):
    """Anyone holding a document may check it was issued here, unchanged, without an account."""

    template_name = "documents/verify.html"

    def get(self, request, *args, **kwargs):
        checksum = request.GET.get("sha256", "")
        form = VerifyForm(initial={"sha256": checksum})
        if not checksum.strip():
            return self._page(form)
        form = VerifyForm(data={"sha256": checksum})
        return self._result(form)

    def post(self, request, *args, **kwargs):
        return self._result(VerifyForm(data=request.POST, files=request.FILES))

    def _result(self, form):
        if not form.is_valid():
            return self._page(form)
        checksum = form.cleaned_data["sha256"]
        return self._page(
            VerifyForm(initial={"sha256": checksum}),
            checked=checksum,
            document=document_with_checksum(checksum),
        )

    def _page(self, form, checked: str = "", document=None):
        return render(
            self.request,
            self.template_name,
            {"form": form, "checked": checked, "document": document},
        )


class ArchiveView(PermissionRequiredMixin, HtmxPartialMixin, FilterView):
    permission_required = "documents.view_archive"
    filterset_class = IssuedDocumentFilter
    template_name = "documents/archive.html"
    context_object_name = "documents"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return documents_visible_to(self.request.user)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The page and its filtered fragment share a URL: the back button must not show a fragment.
        patch_vary_headers(response, ["HX-Request"])
        return response


class DownloadView(PermissionRequiredMixin, View):
    permission_required = "documents.download_document"

    def get_permission_object(self):
        self.document = get_object_or_404(
            IssuedDocument.objects.select_related("space"), pk=self.kwargs["pk"]
        )
        return self.document

    def get(self, request, *args, **kwargs):
        try:
            return archived_file_response(self.document)
        except FileNotFoundError as error:
            raise Http404 from error
