"""Addresses of calls, under /appels/; one module per part."""

from . import applicants, decision, evaluation, public

app_name = "calls"

urlpatterns = [
    *public.urlpatterns,
    *applicants.urlpatterns,
    *evaluation.urlpatterns,
    *decision.urlpatterns,
]
