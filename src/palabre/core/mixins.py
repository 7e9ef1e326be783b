"""View mixins shared by every app: saving through a service, HTMX partial rendering."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """A valid form goes to one service through `save(form)`; a refusal from the service is
    shown on the form and nothing is saved."""

    success_message = ""

    def save(self, form):
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class HtmxPartialMixin:
    """Filtering with HTMX swaps only the results; without JavaScript the full page reloads."""

    partial_name = "results"

    def get_template_names(self):
        names = super().get_template_names()
        if self.request.htmx:
            return [f"{names[0]}#{self.partial_name}"]
        return names
