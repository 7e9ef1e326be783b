"""Addresses of the knowledge of a space: its register (/connaissances/), its charter
(/cahier-des-charges/) and its capitalisation reports (/capitalisation/); one module per part."""

from . import charter, register, reports

app_name = "knowledge"

urlpatterns = [*register.urlpatterns, *charter.urlpatterns, *reports.urlpatterns]
