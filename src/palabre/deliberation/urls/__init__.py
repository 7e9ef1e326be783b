"""The deliberation app's addresses: themes, prioritisation rounds, consultations."""

from . import consultations, rounds, themes

app_name = "deliberation"

urlpatterns = [
    *themes.urlpatterns,
    *rounds.urlpatterns,
    *consultations.urlpatterns,
]
