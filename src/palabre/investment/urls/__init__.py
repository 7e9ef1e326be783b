"""Addresses of the investment area, under /investissement/; one module per part."""

from . import interests, investors, matching, opportunities, programme, tools

app_name = "investment"

urlpatterns = [
    *programme.urlpatterns,
    *tools.urlpatterns,
    *opportunities.urlpatterns,
    *investors.urlpatterns,
    *interests.urlpatterns,
    *matching.urlpatterns,
]
