from django.db.models import QuerySet

from .models import Country, Region


def regions_for_home() -> QuerySet[Region]:
    return Region.objects.select_related("country").prefetch_related("main_sectors")


def countries_with_regions() -> QuerySet[Country]:
    return Country.objects.prefetch_related("regions__main_sectors")
