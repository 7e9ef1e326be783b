"""The programme's public pages: where each country stands with its incentive tools, the
amounts mobilised and the interests received; its export; the exchange rates and adding one."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin

from ..forms.programme import RateFilter, RateForm
from ..models import ExchangeRate
from ..selectors.programme import (
    TARGET_PER_COUNTRY,
    export_headers,
    export_rows,
    interest_pipeline,
    mobilised_chart,
    mobilised_over_time,
    pipeline_chart,
    programme_by_country,
    rates_in_force,
)
from ..selectors.tools import tools_visible_to
from ..services import programme as services
from ..services.rates import RateBook


class ProgrammePageMixin(PermissionRequiredMixin):
    permission_required = "investment.view_programme"


class ProgrammeView(ProgrammePageMixin, TemplateView):
    template_name = "investment/programme/programme.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        tools = tools_visible_to(user)
        mobilised = mobilised_over_time(tools, RateBook())
        pipeline = interest_pipeline(user)
        pipeline_total = sum(count for _status, _label, count in pipeline)
        return super().get_context_data(
            countries=programme_by_country(tools),
            target=TARGET_PER_COUNTRY,
            mobilised=mobilised,
            mobilised_chart=mobilised_chart(mobilised) if mobilised.quarters else "",
            pipeline=pipeline,
            pipeline_total=pipeline_total,
            pipeline_chart=pipeline_chart(pipeline) if pipeline_total else "",
            formats=FORMATS,
            **kwargs,
        )


class ProgrammeExportView(ProgrammePageMixin, View):
    """One row per tool the visitor may see, with its results and amounts."""

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("Unknown export format."))
        book = RateBook()
        return tabular_response(
            headers=export_headers(book.currency),
            rows=export_rows(tools_visible_to(request.user), book),
            filename=f"programme-outils-{timezone.localdate():%Y-%m-%d}",
            file_format=file_format,
        )


class RateListView(ProgrammePageMixin, FilterView):
    """Every dated rate, newest first per currency, and the rate in force today of each."""

    filterset_class = RateFilter
    template_name = "investment/programme/rates.html"
    context_object_name = "rates"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return ExchangeRate.objects.order_by("currency", "-valid_from", "-pk")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            reporting_currency=settings.PALABRE_REPORTING_CURRENCY,
            in_force=rates_in_force(list(self.get_queryset()), today),
            today=today,
            can_add=self.request.user.has_perm("investment.manage_rates"),
            **kwargs,
        )


class RateAddView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "investment.manage_rates"
    form_class = RateForm
    template_name = "investment/programme/rate_form.html"
    success_message = gettext_lazy("The exchange rate has been added.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reporting_currency=settings.PALABRE_REPORTING_CURRENCY, **kwargs
        )

    def save(self, form):
        return services.rate_add(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        return reverse("investment:rates")
