from django.views.generic import DetailView, ListView

from .selectors import countries_with_regions, regions_for_home


class TerritoryListView(ListView):
    template_name = "territories/territory_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        return countries_with_regions()


class RegionDetailView(DetailView):
    template_name = "territories/region_detail.html"
    context_object_name = "region"

    def get_queryset(self):
        return regions_for_home()
