"""Defining the indicators of a space, entering the values measured by hand, and their
evidence."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from palabre.core.mixins import ServiceFormMixin

from ..forms.indicators import IndicatorForm, ValueForm
from ..models import Indicator
from ..selectors.figures import latest_period
from ..services.indicators import indicator_delete, indicator_save
from ..services.values import periods_of, value_enter
from .base import IndicatorMixin, IndicatorsMixin


def dashboard_url(space) -> str:
    return reverse("indicators:dashboard", args=[space.slug])


class IndicatorFormMixin(ServiceFormMixin):
    form_class = IndicatorForm
    template_name = "indicators/form.html"

    def save(self, form):
        return indicator_save(
            indicator=form.instance,
            actor=self.request.user,
            countries=form.cleaned_data["countries"],
        )


class IndicatorCreateView(IndicatorsMixin, IndicatorFormMixin, FormView):
    permission_required = "indicators.manage"
    success_message = gettext_lazy("The indicator has been created.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Indicator(space=self.space)}


class IndicatorEditView(IndicatorMixin, IndicatorFormMixin, FormView):
    permission_required = "indicators.manage"
    success_message = gettext_lazy("The indicator has been saved.")

    def get_form_kwargs(self):
        # A copy: a refused change must not show on the page's title and links.
        return {
            **super().get_form_kwargs(),
            "instance": Indicator.objects.get(pk=self.indicator.pk),
        }


class IndicatorDeleteView(IndicatorMixin, View):
    permission_required = "indicators.manage"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        indicator = self.indicator
        try:
            indicator_delete(indicator=indicator, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(indicator.get_absolute_url())
        messages.success(
            request, _("Indicator %(code)s has been deleted.") % {"code": indicator.code}
        )
        return redirect(dashboard_url(self.space))


class ValueEnterView(IndicatorMixin, ServiceFormMixin, FormView):
    """A value for one period; entering one for a period that has one replaces it."""

    permission_required = "indicators.enter_value"
    form_class = ValueForm
    template_name = "indicators/value_form.html"
    success_message = gettext_lazy("The value has been recorded.")

    def get(self, request, *args, **kwargs):
        if self.indicator.is_computed:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "periods": periods_of(self.indicator)}

    def get_initial(self):
        # Without a period asked for, the one in progress (or the last, once the measure ended).
        code = self.request.GET.get("period", "") or latest_period(self.indicator).code
        entry = next((e for e in self.indicator.values.all() if e.period == code), None)
        if entry is None:
            return {"period": code}
        return {"period": code, "value": entry.value, "source": entry.source, "note": entry.note}

    def save(self, form):
        value_enter(indicator=self.indicator, actor=self.request.user, **form.cleaned_data)
        return self.indicator

    def get_success_url(self):
        return self.indicator.get_absolute_url() + "#values"


class EvidenceView(IndicatorMixin, View):
    """The evidence of an entered value, to whoever may open the figures down to their records
    (a survey or a register may name people)."""

    permission_required = "indicators.view_records"

    def get(self, request, *args, **kwargs):
        entry = get_object_or_404(self.indicator.values, period=kwargs["period"])
        if not entry.evidence:
            raise Http404
        try:
            handle = entry.evidence.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle, as_attachment=True, filename=os.path.basename(entry.evidence.name)
        )
