"""Deciding a call and its evaluation report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from palabre.documents.services import DocumentFormat, document_response

from ..models import CallStatus
from ..services.decision import decide, report_document
from .public import CallMixin


class DecideView(CallMixin, View):
    permission_required = "calls.manage_call"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            decide(call=self.call, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The call is decided: the report is issued and every applicant was told."),
            )
        return redirect(self.call)


class ReportView(CallMixin, View):
    """Once decided, the archived report, public like the call. Before, the ranking is the
    committee's working document: the secretariat may preview it, watermarked and not kept, once
    the technical scoring is closed (so that it reads the report before deciding); to anyone
    else it does not exist yet (404), so nobody learns a ranking ahead of the decision."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        call = self.call
        draft = call.status != CallStatus.DECIDED
        if draft and not (
            call.status == CallStatus.SCORING_CLOSED
            and request.user.has_perm("calls.manage_call", call)
        ):
            raise Http404
        return document_response(
            **report_document(call),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=draft,
            filename=f"rapport-evaluation-{call.reference}.{fmt}",
        )
